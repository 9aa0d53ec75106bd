package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.App;
import dev.gatewaydoctor.Knowledge;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.semantic.Semantic;
import dev.gatewaydoctor.tickets.Batch;
import dev.gatewaydoctor.tickets.Triage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "triage", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Triage a folder of tickets (*.json, *.jsonl, *.eml): one JSON line per ticket, then a summary table.")
public final class TriageCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Parameters(paramLabel = "DIR", description = "folder of tickets")
    private Path folder;

    @Option(names = "--out", paramLabel = "FILE",
            description = "write the report here and the summary to standard output (default: the report to standard"
                    + " output, the summary to standard error)")
    private Path report;

    @Override
    public Integer call() {
        Console console = cli.console();
        if (!Files.isDirectory(folder)) {
            console.err().println("error: not a folder: " + folder);
            return 1;
        }
        Optional<Kb> loaded = kb.load(console.err());
        if (loaded.isEmpty()) {
            return 1;
        }
        Settings settings = new Settings(Settings.DEFAULT_PORT, kb.folders(), System.getenv());
        // The knowledge the server would serve (the cascade with GATEWAY_DOCTOR_SEMANTIC=on, the
        // launcher's default; its KB vectors kept in the data folder), built the way the server builds it.
        Knowledge knowledge;
        try {
            knowledge = new Knowledge(loaded.get(), App.tuning(settings), settings.semantic().map(Semantic::start),
                    Optional.of(settings.dataFolder()));
        } catch (IllegalArgumentException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        }
        try (knowledge) {
            Triage triage;
            try {
                triage = App.triage(settings, knowledge::matcher, App.imageReader(settings));
            } catch (IllegalArgumentException e) {
                console.err().println("error: " + e.getMessage());
                return 1;
            }
            return run(console, triage);
        }
    }

    private Integer run(Console console, Triage triage) {
        Batch batch = new Batch(triage, console.err(), 2000);
        try {
            if (report != null) {
                Batch.Summary summary;
                try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                    summary = batch.run(folder, w);
                }
                Batch.print(summary, console.out());
                console.out().println("report: " + report);
            } else {
                Writer w = new OutputStreamWriter(console.out(), StandardCharsets.UTF_8);
                Batch.Summary summary = batch.run(folder, w);
                w.flush();
                Batch.print(summary, console.err());
            }
            return 0;
        } catch (IOException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        }
    }
}
