package dev.gatewaydoctor.kb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads knowledge-base folders into a {@link Kb}. Folders are layered: a later folder adds entries
 * and replaces entries with the same id, so a company can put its own KB over the bundled one.
 * Every problem found is reported at once, each with its file and line.
 */
public final class KbLoader {

    /** Files in a KB folder that are documentation, not entries. */
    private static final String GUIDE = "README.md";
    /** The largest entry file: a long entry is some 30 KB; a 50 MB one is a mistake that every answer would carry. */
    public static final long MAX_ENTRY_BYTES = 1024 * 1024;

    private KbLoader() {}

    public static Kb load(List<Path> folders) throws KbException {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("at least one knowledge-base folder is needed");
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Entry> entries = new TreeMap<>();
        // The entry each later layer's entry replaced, so a lost anchor is blamed on the replacement.
        Map<String, Entry> replaced = new TreeMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                problems.add(new Problem(folder, 0, "not a folder"));
                continue;
            }
            Map<String, Entry> layer = new TreeMap<>();
            for (Path file : entryFiles(folder, problems)) {
                String content;
                try {
                    if (!Files.isRegularFile(file)) {
                        problems.add(new Problem(file, 0, Files.isSymbolicLink(file)
                                ? "cannot be read: a symbolic link to a file that does not exist" : "cannot be read: not a regular file"));
                        continue;
                    }
                    if (Files.size(file) > MAX_ENTRY_BYTES) {
                        problems.add(new Problem(file, lineAtLimit(file), "the file is larger than the limit of "
                                + MAX_ENTRY_BYTES + " bytes per entry (" + Files.size(file) + " bytes): split it or move the bulk out"));
                        continue;
                    }
                    content = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    problems.add(new Problem(file, 0, "cannot be read: " + e.getMessage()));
                    continue;
                }
                EntryParser.parse(file, content, problems).ifPresent(entry -> {
                    Entry twin = layer.putIfAbsent(entry.id(), entry);
                    if (twin != null) {
                        problems.add(new Problem(file, 2, "duplicate id '" + entry.id() + "' (also in " + twin.file() + ")"));
                    }
                });
            }
            layer.forEach((id, entry) -> {
                Entry earlier = entries.put(id, entry);
                if (earlier != null) {
                    replaced.put(id, earlier);
                }
            });
        }
        checkLinks(entries, replaced, folders.size() == 1, problems);
        List<Problem> errors = problems.stream().filter(p -> !p.isWarning()).toList();
        if (!errors.isEmpty()) {
            throw new KbException(errors);
        }
        if (entries.isEmpty()) {
            throw new KbException(List.of(new Problem(folders.get(0), 0, "no entries (*.md files) found")));
        }
        List<Problem> warnings = new ArrayList<>(problems);
        Wordings.check(entries.values(), warnings);
        return new Kb(entries, warnings);
    }

    private static List<Path> entryFiles(Path folder, List<Problem> problems) {
        try (Stream<Path> files = Files.list(folder)) {
            // Not filtered on being a regular file: a dangling link or a folder named *.md is reported, not skipped.
            return files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> !f.getFileName().toString().equals(GUIDE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new Problem(folder, 0, "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    /** The line on which a too-large file crosses the limit, read no further than the limit. */
    private static int lineAtLimit(Path file) throws IOException {
        int line = 1;
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes((int) MAX_ENTRY_BYTES);
            for (byte b : head) {
                if (b == '\n') {
                    line++;
                }
            }
        }
        return line;
    }

    /** Links between entries: option jumps and {@code related} ids must name entries that exist. */
    private static void checkLinks(Map<String, Entry> entries, Map<String, Entry> replaced, boolean oneFolder,
                                   List<Problem> problems) {
        for (Entry entry : entries.values()) {
            for (int i = 0; i < entry.related().size(); i++) {
                String related = entry.related().get(i);
                if (!entries.containsKey(related)) {
                    problems.add(new Problem(entry.file(), entry.line("/related/" + i), "related id '" + related
                            + "' is not an entry" + (oneFolder ? "; if it is an entry of the knowledge base this folder"
                            + " extends, validate the two together: --kb kb --kb " + entry.file().getParent() : "")));
                }
            }
            for (Node node : entry.flow().nodes().values()) {
                for (Option option : node.options()) {
                    if (option.target() instanceof Target.Jump jump) {
                        Entry other = entries.get(jump.entry());
                        if (other == null) {
                            problems.add(new Problem(entry.file(), option.line(), "option '" + option.label()
                                    + "' links to unknown entry '" + jump.entry() + ".md'"));
                        } else if (jump.node().isPresent() && other.flow().node(jump.node().get()).isEmpty()) {
                            Entry earlier = replaced.get(other.id());
                            if (earlier != null && earlier.flow().node(jump.node().get()).isPresent()) {
                                // the replacement dropped an anchor that the entry it replaces had
                                problems.add(new Problem(other.file(), other.line("/id"), "this entry replaces "
                                        + earlier.file() + " but has no node '#" + jump.node().get() + "', which "
                                        + entry.file() + ":" + option.line() + " links to: keep that anchor"));
                            } else {
                                problems.add(new Problem(entry.file(), option.line(), "option '" + option.label()
                                        + "' links to unknown node '" + jump.ref() + "'"));
                            }
                        }
                    }
                }
            }
        }
    }
}
