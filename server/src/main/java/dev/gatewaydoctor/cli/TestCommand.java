package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.authoring.KbCheck;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"A knowledge base's regression test, for CI: every example with \"reach\" or \"skips\" must match"
                + " its entry and go there in a conversation, and each folder's figures must stay at or above its"
                + " eval/thresholds.yml. Exits 1 with a short report when anything fails."})
public final class TestCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Override
    public Integer call() {
        Console console = cli.console();
        Optional<Kb> loaded = kb.load(console.err());
        if (loaded.isEmpty()) {
            return 1;
        }
        KbCheck.Result result;
        try {
            result = KbCheck.run(Matcher.build(loaded.get(), Tuning.forFolders(kb.folders())), kb.folders());
        } catch (IOException | IllegalArgumentException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        }
        if (result.folders().isEmpty()) {
            console.err().println("error: no eval/ folder in " + kb.folders() + ": nothing to test");
            return 1;
        }
        for (KbCheck.FolderResult f : result.folders()) {
            console.out().printf(Locale.ROOT, "%s: %d examples, %d flows checked; positives top-1 %.1f%% (floor %.1f%%),"
                            + " negatives rejected %.1f%% (floor %.1f%%), OCR top-1 %.1f%% (floor %.1f%%)%n",
                    f.folder(), f.examples(), f.flows(), 100 * f.positivesTop1(), 100 * f.floors().positivesTop1(),
                    100 * f.negativesRejected(), 100 * f.floors().negativesRejected(), 100 * f.ocrTop1(), 100 * f.floors().ocrTop1());
        }
        if (result.passed()) {
            console.out().println("PASS");
            return 0;
        }
        console.out().println("FAIL: " + result.failures().size() + " problem(s)");
        result.failures().forEach(f -> console.out().println("  " + f));
        return 1;
    }
}
