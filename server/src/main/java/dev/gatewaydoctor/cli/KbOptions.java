package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Problem;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kb DIR}, repeatable, shared by every command that reads a knowledge base. */
public final class KbOptions {

    @Option(names = "--kb", paramLabel = "DIR",
            description = "knowledge-base folder (default: ./kb); repeat to layer folders: later ones add entries"
                    + " and replace entries with the same id")
    private List<Path> folders = new ArrayList<>();

    public List<Path> folders() {
        return folders.isEmpty() ? List.of(Path.of("kb")) : List.copyOf(folders);
    }

    /** The layered knowledge base, or empty after printing every problem with its file and line. */
    public Optional<Kb> load(PrintStream err) {
        return load(err, Optional.empty());
    }

    /** @param dataFolder where a large folder's parsed entries are kept between loads (the server's) */
    public Optional<Kb> load(PrintStream err, Optional<Path> dataFolder) {
        try {
            return Optional.of(KbLoader.load(folders(), dataFolder));
        } catch (KbException e) {
            err.println("The knowledge base has " + e.problems().size() + " problem(s):");
            for (Problem p : e.problems()) {
                err.println("  " + p);
            }
            return Optional.empty();
        }
    }
}
