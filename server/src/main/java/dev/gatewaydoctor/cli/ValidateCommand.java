package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Problem;
import dev.gatewaydoctor.match.DevSetLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check a knowledge base and print every problem with its file and line; exit 1 when it has any.",
                "Warnings (likely mistakes that still load) are printed too, and leave the exit code 0."})
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private Cli cli;

    @Mixin
    private KbOptions kb;

    @Override
    public Integer call() {
        Optional<Kb> loaded = kb.load(cli.console().err());
        if (loaded.isEmpty()) {
            return 1;
        }
        List<Problem> warnings = new ArrayList<>(loaded.get().warnings());
        warnings.addAll(unexampled(loaded.get(), kb.folders()));
        for (Problem w : warnings) {
            cli.console().err().println(w);
        }
        cli.console().out().println("OK: " + loaded.get().size() + " entries in " + kb.folders()
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)"));
        return 0;
    }

    /**
     * Entries that no labelled example of any layered folder's {@code eval/} expects: nothing
     * tells when a change stops the matcher from finding them. Only checked when examples exist.
     */
    static List<Problem> unexampled(Kb kb, List<Path> folders) {
        Set<String> expected = new HashSet<>();
        boolean any = false;
        for (Path folder : folders) {
            Path eval = folder.resolve("eval");
            if (!Files.isDirectory(eval)) {
                continue;
            }
            try {
                for (DevSetLines.Line line : DevSetLines.read(eval)) {
                    any = true;
                    // a malformed line is the eval command's to report
                    if (line.json() != null && line.json().hasNonNull("expect")) {
                        expected.add(line.json().get("expect").asText());
                    }
                }
            } catch (IOException e) {
                // an unreadable dev set is the eval command's to report
            }
        }
        List<Problem> out = new ArrayList<>();
        if (!any) {
            return out;
        }
        for (Entry e : kb.list()) {
            if (!expected.contains(e.id())) {
                out.add(Problem.warning(e.file(), e.line("/id"), "no dev-set example expects '" + e.id()
                        + "': add a few labelled inputs to eval/*.jsonl so a change that loses it is noticed"));
            }
        }
        return out;
    }
}
