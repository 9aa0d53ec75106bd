package dev.gatewaydoctor.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The root command. Without a subcommand it serves, so {@code gateway-doctor --port 8080} and
 * {@code gateway-doctor serve --port 8080} are the same. A new subcommand is one class listed in
 * {@code subcommands} that reaches the console through {@code @ParentCommand Cli}.
 */
@Command(name = "gateway-doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A self-hosted support assistant for web-gateway errors.",
        subcommands = {ServeCommand.class, ValidateCommand.class, EvalCommand.class, TriageCommand.class, ReportCommand.class,
                ImportCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  failure: a knowledge base with problems, a command that failed",
                "  2  usage error: an unknown command or option, a missing or malformed value"})
public final class Cli implements Callable<Integer> {

    /** What {@link #run} returns when a server was started and keeps running. */
    public static final int SERVING = -1;

    private final Console console;

    @Mixin
    private ServeOptions serve;

    private Cli(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(serve, console);
    }

    /** Runs a command line; returns its exit code, or {@link #SERVING} when a server keeps running. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Cli(new Console(out, err)));
        line.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        line.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line.execute(args);
    }
}
