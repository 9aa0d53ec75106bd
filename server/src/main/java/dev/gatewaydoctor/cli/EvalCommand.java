package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.Evaluation;
import dev.gatewaydoctor.match.LabelAudit;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import dev.gatewaydoctor.match.semantic.Semantic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Run the matcher over the labelled dev set of every --kb folder's eval/ (or --set) and print"
                + " the held-out figures first (per kind, per entry, confusions, calibration, precision/coverage),"
                + " then a 5-fold cross-validation over the fit lines, then the in-sample figures."})
public final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Option(names = "--set", paramLabel = "DIR",
            description = "folder of labelled JSON Lines files (default: the eval/ folder of every --kb folder that has one)")
    private Path set;

    @Option(names = "--threshold", paramLabel = "X", description = "confidence below which a match is reported as not matched")
    private Double threshold;

    @Option(names = "--fit", description = "refit the choice model's weights on the fit lines of the dev set first")
    private boolean fit;

    @Option(names = "--write", description = "with --fit: write the refitted weights to the last --kb folder's"
            + " eval/weights.json, where the server and later runs find them")
    private boolean write;

    @Option(names = "--try", paramLabel = "FILE", description = "a JSON Lines file of new labelled lines: apply the"
            + " batch rule (the fit split's cross-validated misses without and with them) instead of the figures")
    private Path tryBatch;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "cross-validate the fit split"
            + " under N assignments of topics to folds and print each one's misses and their mean (the lexical"
            + " model, with the semantic part on too; default 1: the one assignment)")
    private int repeat;

    @Option(names = "--hide-heldout-misses", description = "leave the held-out misses out of the output (their figures"
            + " stay) and list the cross-validated misses of the fit split instead: the ones to tune from")
    private boolean hideHeldoutMisses;

    @Override
    public Integer call() {
        Console console = cli.console();
        if (write && !fit) {
            console.err().println("error: --write writes refitted weights: use it with --fit");
            return 2;
        }
        if (repeat < 1 || repeat > 20) {
            console.err().println("error: --repeat takes 1 to 20 assignments, not " + repeat);
            return 2;
        }
        if (tryBatch != null && fit) {
            console.err().println("error: --try decides whether to fit on a batch: run --fit after adding it");
            return 2;
        }
        Optional<Kb> loaded = kb.load(console.err());
        if (loaded.isEmpty()) {
            return 1;
        }
        List<Path> folders = kb.folders();
        List<Path> sets = new ArrayList<>();
        if (set != null) {
            sets.add(set);
        } else {
            for (Path folder : folders) {
                if (Files.isDirectory(folder.resolve("eval"))) {
                    sets.add(folder.resolve("eval"));
                }
            }
        }
        if (sets.isEmpty()) {
            console.err().println("error: no dev set: none of " + folders + " has an eval/ folder (give --set DIR)");
            return 1;
        }
        Tuning tuning;
        Optional<Semantic.Options> semanticOptions;
        try {
            semanticOptions = new Settings(Settings.DEFAULT_PORT, folders, System.getenv()).semantic();
            tuning = Tuning.forFolders(folders);
            if (semanticOptions.isPresent()) {
                tuning = semanticTuning(folders, tuning);
            }
        } catch (IllegalArgumentException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        }
        if (threshold != null) {
            tuning = tuning.withThreshold(threshold);
        }
        // With GATEWAY_DOCTOR_SEMANTIC=on, the semantic features are computed too and both models
        // are evaluated (and refitted) side by side.
        try (Semantic semantic = semanticOptions.map(Semantic::start).orElse(null)) {
            List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(sets));
            console.out().println("dev set: " + samples.size() + " inputs (OCR-noised copies included) from " + sets
                    + (semantic == null ? "; semantic part off" : "; semantic part on"));
            Matcher matcher = Matcher.build(loaded.get(), tuning,
                    Optional.ofNullable(semantic).map(s -> s.index(loaded.get())));
            if (tryBatch != null) {
                if (!Files.isRegularFile(tryBatch)) {
                    console.err().println("error: --try " + tryBatch + ": no such file");
                    return 1;
                }
                List<Evaluation.Sample> batch = Evaluation.withNoise(Evaluation.loadFile(tryBatch));
                try {
                    Evaluation.print(Evaluation.tryBatch(matcher, samples, batch), console.out());
                } catch (IllegalArgumentException e) {
                    console.err().println("error: --try " + tryBatch + ": " + e.getMessage());
                    return 1;
                }
                return 0;
            }
            Evaluation.Protocol protocol = Evaluation.evaluate(matcher, samples, fit, repeat);
            Evaluation.print(protocol, console.out(), !hideHeldoutMisses);
            LabelAudit.print(LabelAudit.load(sets), protocol, console.out());
            if (protocol.fitted() != null) {
                console.out().println();
                Evaluation.printWeights(protocol.fitted(), console.out());
                Tuning.Fitted by = Tuning.fittedNow(loaded.get().entries().keySet().stream().sorted().toList(),
                        "eval --fit on the fit lines of " + sets);
                Tuning.SemanticModel fittedSemantic = protocol.semantic() == null ? null : protocol.semantic().fitted();
                if (fittedSemantic != null) {
                    Evaluation.printWeights(fittedSemantic.weights(), console.out());
                }
                if (write) {
                    Path file = Tuning.fileOf(folders.get(folders.size() - 1));
                    tuning.withThreshold(protocol.threshold()).withWeights(protocol.fitted(), by).write(file);
                    console.out().println("wrote " + file);
                    if (fittedSemantic != null) {
                        Path semanticFile = file.resolveSibling(Tuning.SEMANTIC_FILE);
                        Tuning.write(fittedSemantic.withFitted(by), semanticFile);
                        console.out().println("wrote " + semanticFile);
                    }
                }
            }
            return 0;
        } catch (IOException e) {
            console.err().println("error: cannot read the dev set: " + e.getMessage());
            return 1;
        }
    }

    /** The folders' semantic model; a first refit starts from none. */
    private Tuning semanticTuning(List<Path> folders, Tuning lexical) {
        try {
            return Tuning.forFolders(folders, true);
        } catch (IllegalStateException e) {
            if (!fit) {
                throw new IllegalArgumentException("the semantic part is on but there are no weights fitted with it:"
                        + " run eval --fit --write with GATEWAY_DOCTOR_SEMANTIC=on first", e);
            }
            return lexical.withSemantic(Tuning.SemanticModel.unfitted());
        }
    }
}
