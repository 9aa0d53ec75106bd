package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.App;
import dev.gatewaydoctor.kb.Kb;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Serve the knowledge base over HTTP (the default command).")
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private ServeOptions options;

    @Override
    public Integer call() {
        return serve(options, cli.console());
    }

    /** Starts the server; returns {@link Cli#SERVING} while it runs, 1 when it cannot start. */
    static int serve(ServeOptions options, Console console) {
        long t0 = System.nanoTime();
        Optional<Kb> kb = options.kb().load(console.err(), Optional.of(options.settings().dataFolder()));
        if (kb.isEmpty()) {
            return 1;
        }
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        try {
            App app = new App(options.settings(), kb.get());
            long t1 = System.nanoTime();
            app.start(true);
            long startMs = (System.nanoTime() - t1) / 1_000_000;
            // SIGTERM and Ctrl-C: /ready turns 503, requests in flight finish, exit 0.
            app.drain().onSignals();
            // Through the log, so that a container's standard output stays JSON lines.
            // Where a start's time went, for operators of large KBs.
            var build = app.knowledge().lastBuild();
            LoggerFactory.getLogger(ServeCommand.class).info(
                    "Gateway Doctor serving {} entries on http://{}:{}/ (KB read and checked in {} ms, vectors {} ms,"
                            + " matcher {} ms{}, warm-up and listen {} ms)",
                    kb.get().size(), displayHost(options.settings().host()), app.port(), loadMs, build.vectorsMs(),
                    build.matcherMs(), app.knowledge().matcher().indexFromCache() ? " (index kept from the last start)" : "",
                    startMs);
            return Cli.SERVING;
        } catch (IllegalArgumentException | App.StartupException e) {
            // One line for the operator: a setting to fix or a port in use, never a stack trace.
            console.err().println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String displayHost(String host) {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }
}
