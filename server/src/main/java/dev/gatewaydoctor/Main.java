package dev.gatewaydoctor;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Problem;
import dev.gatewaydoctor.match.Evaluation;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import dev.gatewaydoctor.tickets.Batch;
import dev.gatewaydoctor.tickets.Triage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code [serve] [--port N] [--kb DIR]...}, {@code validate [--kb DIR]...},
 * {@code eval ...}, {@code triage DIR [--out FILE]}. Exit
 * codes: 0 success, 1 a bad knowledge base or a failed command, 2 a usage error.
 */
public final class Main {

    static final String USAGE = """
            usage: gateway-doctor [serve] [--port N] [--kb DIR]...
                   gateway-doctor validate [--kb DIR]...
                   gateway-doctor eval [--kb DIR]... [--set DIR] [--threshold X] [--fit [--write]]
                   gateway-doctor triage DIR [--out report.jsonl] [--kb DIR]...

              serve      serve the knowledge base over HTTP (default command; port 7070)
              validate   check a knowledge base and print every problem with file and line
              eval       run the matcher over the labelled dev set of every --kb folder's eval/
                         (or --set DIR) and print held-out figures first, then a 5-fold
                         cross-validation over the fit lines, then in-sample figures;
                         --fit refits the weights on the fit lines, --write saves them to the
                         last --kb folder's eval/weights.json (used from then on)
              triage     triage a folder of tickets (*.json, *.jsonl, *.eml): one JSON line per
                         ticket to --out (default: standard output), then a summary table

              --port N   HTTP port (default 7070)
              --kb DIR   knowledge-base folder (default ./kb); repeat to layer folders:
                         later ones add entries and replace entries with the same id
            """;

    /** What {@link #run} returns when a server was started and keeps running. */
    static final int SERVING = -1;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != SERVING && code != 0) {
            System.exit(code);
        }
    }

    /** A parsed command line. */
    record Command(String name, Settings settings, List<String> rest) {}

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Runs a command; returns the exit code, or -1 when a server was started and keeps running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Kb kb;
        try {
            kb = KbLoader.load(command.settings().kbFolders());
        } catch (KbException e) {
            err.println("The knowledge base has " + e.problems().size() + " problem(s):");
            for (Problem p : e.problems()) {
                err.println("  " + p);
            }
            return 1;
        }
        switch (command.name()) {
            case "validate":
                out.println("OK: " + kb.size() + " entries in " + command.settings().kbFolders());
                return 0;
            case "eval":
                return eval(kb, command.settings(), command.rest(), out, err);
            case "triage":
                return triage(kb, command, out, err);
            case "serve":
            default:
                try {
                    App app = new App(command.settings(), kb).start();
                    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
                    out.println("Gateway Doctor serving " + kb.size() + " entries on http://localhost:" + app.port() + "/");
                    return SERVING;
                } catch (IllegalArgumentException e) {
                    err.println("error: " + e.getMessage());
                    return 1;
                }
        }
    }

    /**
     * {@code eval [--set DIR] [--threshold X] [--fit [--write]]}: the protocol's figures. The dev set
     * is every layered folder's {@code eval/} (or {@code --set}); with {@code --fit} the weights are
     * refitted on its fit lines, and with {@code --write} written into the last folder's
     * {@code eval/weights.json}, where the server and later runs find them.
     */
    private static int eval(Kb kb, Settings settings, List<String> options, PrintStream out, PrintStream err) {
        List<Path> sets = new ArrayList<>();
        for (Path folder : settings.kbFolders()) {
            if (Files.isDirectory(folder.resolve("eval"))) {
                sets.add(folder.resolve("eval"));
            }
        }
        Tuning tuning;
        try {
            tuning = Tuning.forFolders(settings.kbFolders());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        boolean fit = false;
        boolean write = false;
        for (int i = 0; i < options.size(); i += 2) {
            switch (options.get(i)) {
                case "--fit" -> fit = true;
                case "--write" -> write = true;
                case "--set" -> sets = List.of(Path.of(options.get(i + 1)));
                default -> {
                    try {
                        tuning = tuning.withThreshold(Double.parseDouble(options.get(i + 1)));
                    } catch (NumberFormatException e) {
                        err.println("error: --threshold needs a number");
                        return 2;
                    }
                }
            }
        }
        if (write && !fit) {
            err.println("error: --write writes refitted weights: use it with --fit");
            return 2;
        }
        if (sets.isEmpty()) {
            err.println("error: no dev set: none of " + settings.kbFolders() + " has an eval/ folder (or give --set DIR)");
            return 1;
        }
        try {
            List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(sets));
            out.println("dev set: " + samples.size() + " inputs (OCR-noised copies included) from " + sets);
            Evaluation.Protocol protocol = Evaluation.evaluate(Matcher.build(kb, tuning), samples, fit);
            Evaluation.print(protocol, out);
            if (protocol.fitted() != null) {
                out.println();
                Evaluation.printWeights(protocol.fitted(), out);
                if (write) {
                    Path file = Tuning.fileOf(settings.kbFolders().get(settings.kbFolders().size() - 1));
                    tuning.withWeights(protocol.fitted(), Tuning.fittedNow(kb.entries().keySet().stream().sorted().toList(),
                            "eval --fit on the fit lines of " + sets)).write(file);
                    out.println("wrote " + file);
                }
            }
            return 0;
        } catch (java.io.IOException e) {
            err.println("error: cannot read the dev set: " + e.getMessage());
            return 1;
        }
    }

    /** {@code triage DIR [--out FILE]}: the report to the file (summary to out) or to out (summary to err). */
    private static int triage(Kb kb, Command command, PrintStream out, PrintStream err) {
        Settings settings = command.settings();
        Path folder = null;
        Path report = null;
        for (int i = 0; i < command.rest().size(); i += 2) {
            Path value = Path.of(command.rest().get(i + 1));
            if (command.rest().get(i).equals("--dir")) {
                folder = value;
            } else {
                report = value;
            }
        }
        if (folder == null || !Files.isDirectory(folder)) {
            err.println("error: not a folder: " + folder);
            return 1;
        }
        Triage triage;
        try {
            Matcher matcher = Matcher.build(kb, App.tuning(settings));
            triage = App.triage(settings, () -> matcher, App.imageReader(settings));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        Batch batch = new Batch(triage, err, 2000);
        try {
            if (report != null) {
                Batch.Summary summary;
                try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                    summary = batch.run(folder, w);
                }
                Batch.print(summary, out);
                out.println("report: " + report);
            } else {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                Batch.Summary summary = batch.run(folder, w);
                w.flush();
                Batch.print(summary, err);
            }
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static Command parse(String[] args) throws UsageException {
        String name = "serve";
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("-")) {
            name = args[0];
            i = 1;
            if (!List.of("serve", "validate", "eval", "triage").contains(name)) {
                throw new UsageException("unknown command '" + name + "'");
            }
        }
        int port = Settings.DEFAULT_PORT;
        List<Path> kb = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> {
                    String v = value(args, ++i, a);
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--port needs a number, got '" + v + "'");
                    }
                    if (port < 0 || port > 65535) {
                        throw new UsageException("--port must be between 0 and 65535");
                    }
                }
                case "--kb" -> kb.add(Path.of(value(args, ++i, a)));
                case "--fit", "--write" -> {
                    if (!name.equals("eval")) {
                        throw new UsageException(a + " is an option of eval");
                    }
                    rest.add(a);
                    rest.add("");
                }
                case "--set", "--threshold" -> {
                    if (!name.equals("eval")) {
                        throw new UsageException(a + " is an option of eval");
                    }
                    rest.add(a);
                    rest.add(value(args, ++i, a));
                }
                case "--out" -> {
                    if (!name.equals("triage")) {
                        throw new UsageException(a + " is an option of triage");
                    }
                    rest.add(a);
                    rest.add(value(args, ++i, a));
                }
                case "-h", "--help" -> throw new UsageException("help requested");
                default -> {
                    if (!name.equals("triage") || a.startsWith("-") || rest.contains("--dir")) {
                        throw new UsageException("unknown argument '" + a + "'");
                    }
                    rest.add("--dir");
                    rest.add(a);
                }
            }
        }
        if (name.equals("triage") && !rest.contains("--dir")) {
            throw new UsageException("triage needs a folder of tickets");
        }
        if (kb.isEmpty()) {
            kb.add(Path.of("kb"));
        }
        return new Command(name, new Settings(port, kb, System.getenv()), rest);
    }

    private static String value(String[] args, int i, String flag) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return args[i];
    }
}
