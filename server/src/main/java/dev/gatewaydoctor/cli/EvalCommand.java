package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.Evaluation;
import dev.gatewaydoctor.match.Matcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the matcher over a labelled dev set and print top-1/top-3 accuracy per kind,"
                + " negatives rejected and every miss.")
public final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Option(names = "--set", paramLabel = "DIR", defaultValue = "kb/eval",
            description = "folder of labelled JSON Lines files (default: ${DEFAULT-VALUE})")
    private Path set;

    @Option(names = "--threshold", paramLabel = "X", description = "confidence below which a match is reported as not matched")
    private Double threshold;

    @Option(names = "--fit", description = "refit the choice model's weights on the dev set first, with a 5-fold cross-validation")
    private boolean fit;

    @Override
    public Integer call() {
        Console console = cli.console();
        Optional<Kb> loaded = kb.load(console.err());
        if (loaded.isEmpty()) {
            return 1;
        }
        Matcher.Tuning tuning = Matcher.Tuning.defaults();
        if (threshold != null) {
            tuning = tuning.withThreshold(threshold);
        }
        try {
            List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(set));
            Matcher matcher = Matcher.build(loaded.get(), tuning);
            if (fit) {
                matcher = Matcher.build(loaded.get(), tuning.withWeights(Evaluation.fitAndReport(matcher, samples, console.out())));
            }
            Evaluation.print(Evaluation.run(matcher, samples), console.out());
            return 0;
        } catch (IOException e) {
            console.err().println("error: cannot read the dev set: " + e.getMessage());
            return 1;
        }
    }
}
