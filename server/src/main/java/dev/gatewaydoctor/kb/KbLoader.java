package dev.gatewaydoctor.kb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return load(folders, Optional.empty());
    }

    /**
     * @param dataFolder where a large folder's parsed entries are kept between loads ({@link ParsedCache});
     *     empty to always parse every file
     */
    public static Kb load(List<Path> folders, Optional<Path> dataFolder) throws KbException {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("at least one knowledge-base folder is needed");
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, Entry> entries = new TreeMap<>();
        Map<String, Map<String, Entry>> translations = new TreeMap<>();
        // The entry each later layer's entry replaced, so a lost anchor is blamed on the replacement.
        Map<String, Entry> replaced = new TreeMap<>();
        List<Glossary.File> glossary = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                problems.add(new Problem(folder, 0, "not a folder"));
                continue;
            }
            Map<String, Entry> layer = new TreeMap<>();
            // Files are read and parsed on all cores (a KB of thousands of entries), then taken in
            // file order, so problems and duplicates come out as a sequential load gives them.
            List<Path> files = kbFiles(folder, problems);
            List<Path> entryFiles = files.stream().filter(KbLoader::isEntryFile).toList();
            Optional<ParsedCache> cache = ParsedCache.of(dataFolder, folder, entryFiles.size());
            List<ReadFile> read = entryFiles.parallelStream().map(f -> read(f, cache)).toList();
            cache.ifPresent(c -> c.write(keepable(read)));
            for (ReadFile r : read) {
                Path file = r.file();
                problems.addAll(r.problems());
                r.parsed().ifPresent(parsed -> {
                    Entry entry = parsed.entry();
                    if (parsed.lang() != null) {
                        String expected = entry.id() + "." + parsed.lang() + ".md";
                        if (!file.getFileName().toString().equals(expected)) {
                            problems.add(new Problem(file, 2, "a translation to '" + parsed.lang() + "' of '" + entry.id()
                                    + "' must be named " + expected));
                        }
                        translations.computeIfAbsent(entry.id(), k -> new TreeMap<>()).put(parsed.lang(), entry);
                        return;
                    }
                    Entry twin = layer.putIfAbsent(entry.id(), entry);
                    if (twin != null) {
                        problems.add(new Problem(file, 2, "duplicate id '" + entry.id() + "' (also in " + twin.file() + ")"));
                    }
                });
            }
            for (Path file : files.stream().filter(Glossary::isGlossaryFile).toList()) {
                readText(file, problems).map(text -> new Glossary.File(file, text)).ifPresent(g -> {
                    List<Problem> bad = Glossary.check(g);
                    problems.addAll(bad);
                    if (bad.isEmpty()) {
                        glossary.add(g);
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
        checkTranslations(entries, translations, problems);
        List<Problem> errors = problems.stream().filter(p -> !p.isWarning()).toList();
        if (!errors.isEmpty()) {
            throw new KbException(errors);
        }
        if (entries.isEmpty()) {
            throw new KbException(List.of(new Problem(folders.get(0), 0, "no entries (*.md files) found")));
        }
        List<Problem> warnings = new ArrayList<>(problems);
        Wordings.check(entries.values(), warnings);
        return new Kb(withTranslatedVariants(entries, translations), warnings, translations, new Glossary(glossary));
    }

    /** @param hash of the file's bytes when a cache asked for it, else null */
    private record ReadFile(Path file, List<Problem> problems, Optional<EntryParser.Parsed> parsed, byte[] hash) {}

    private static ReadFile read(Path file, Optional<ParsedCache> cache) {
        List<Problem> problems = new ArrayList<>();
        Optional<byte[]> bytes = readBytes(file, problems);
        if (bytes.isEmpty()) {
            return new ReadFile(file, problems, Optional.empty(), null);
        }
        byte[] hash = cache.isPresent() ? ParsedCache.hash(bytes.get()) : null;
        Optional<ParsedCache.Kept> kept = cache.flatMap(c -> c.lookup(file.getFileName().toString(), hash));
        if (kept.isPresent()) {
            return new ReadFile(file, new ArrayList<>(kept.get().warnings()), Optional.of(kept.get().parsed()), hash);
        }
        Optional<EntryParser.Parsed> parsed = decode(file, bytes.get(), problems)
                .flatMap(content -> EntryParser.read(file, content, problems));
        return new ReadFile(file, problems, parsed, hash);
    }

    /** The files worth keeping parsed: those that parsed with warnings at most. */
    private static Map<String, ParsedCache.Kept> keepable(List<ReadFile> read) {
        Map<String, ParsedCache.Kept> out = new TreeMap<>();
        for (ReadFile r : read) {
            if (r.hash() != null && r.parsed().isPresent() && r.problems().stream().allMatch(Problem::isWarning)) {
                out.put(r.file().getFileName().toString(), new ParsedCache.Kept(r.hash(), List.copyOf(r.problems()), r.parsed().get()));
            }
        }
        return out;
    }

    /** A KB file's text, or empty with the reason in {@code problems}. */
    private static Optional<String> readText(Path file, List<Problem> problems) {
        return readBytes(file, problems).flatMap(b -> decode(file, b, problems));
    }

    /** UTF-8 strictly, as {@link Files#readString} reads: a file that is not UTF-8 is reported, not mangled. */
    private static Optional<String> decode(Path file, byte[] bytes, List<Problem> problems) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            problems.add(new Problem(file, 0, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** A KB file's bytes, or empty with the reason in {@code problems}. */
    private static Optional<byte[]> readBytes(Path file, List<Problem> problems) {
        try {
            if (!Files.isRegularFile(file)) {
                problems.add(new Problem(file, 0, Files.isSymbolicLink(file)
                        ? "cannot be read: a symbolic link to a file that does not exist" : "cannot be read: not a regular file"));
                return Optional.empty();
            }
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                problems.add(new Problem(file, lineAtLimit(file), "the file is larger than the limit of "
                        + MAX_ENTRY_BYTES + " bytes per entry (" + Files.size(file) + " bytes): split it or move the bulk out"));
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * A translation repeats its entry's decision tree in another language: the same nodes, of the
     * same kinds, with options of the same ids, so a conversation can switch language at any step.
     */
    private static void checkTranslations(Map<String, Entry> entries, Map<String, Map<String, Entry>> translations,
                                          List<Problem> problems) {
        translations.forEach((id, byLang) -> byLang.forEach((lang, t) -> {
            Entry base = entries.get(id);
            if (base == null) {
                problems.add(new Problem(t.file(), 2, "translation of unknown entry '" + id + "'"));
                return;
            }
            if (!base.flow().root().equals(t.flow().root())) {
                problems.add(new Problem(t.file(), 2, "the first node must be '" + base.flow().root() + "' as in " + base.file().getFileName()));
            }
            for (Node node : base.flow().nodes().values()) {
                Node other = t.flow().nodes().get(node.id());
                if (other == null) {
                    problems.add(new Problem(t.file(), 2, "node '" + node.id() + "' of " + base.file().getFileName() + " is not translated"));
                } else if (!other.kind().equals(node.kind())
                        || !other.options().stream().map(Option::id).toList().equals(node.options().stream().map(Option::id).toList())) {
                    problems.add(new Problem(t.file(), other.line(), "node '" + node.id() + "' must be a " + node.kind()
                            + " with options to the same places as in " + base.file().getFileName()));
                }
            }
            for (Node other : t.flow().nodes().values()) {
                if (base.flow().node(other.id()).isEmpty()) {
                    problems.add(new Problem(t.file(), other.line(), "node '" + other.id() + "' is not in " + base.file().getFileName()));
                }
            }
        }));
    }

    /** Each entry also matches its translations' wordings, so a pasted error in any of them finds it. */
    private static Map<String, Entry> withTranslatedVariants(Map<String, Entry> entries, Map<String, Map<String, Entry>> translations) {
        Map<String, Entry> out = new TreeMap<>(entries);
        translations.forEach((id, byLang) -> {
            Entry e = out.get(id);
            java.util.LinkedHashSet<String> variants = new java.util.LinkedHashSet<>(e.variants());
            byLang.values().forEach(t -> variants.addAll(t.variants()));
            out.put(id, new Entry(e.id(), e.title(), e.codes(), List.copyOf(variants), e.audience(), e.tags(), e.related(),
                    e.evidence(), e.unlike(), e.summary(), e.flow(), e.file(), e.lines()));
        });
        return out;
    }

    private static boolean isEntryFile(Path f) {
        return f.getFileName().toString().endsWith(".md") && !f.getFileName().toString().equals(GUIDE);
    }

    /** Whether a change to {@code file} changes the KB loaded from its folder: an entry or a glossary. */
    public static boolean isKbFile(Path file) {
        return isEntryFile(file) || Glossary.isGlossaryFile(file);
    }

    /** A folder's entry and glossary files, sorted, listed once. */
    private static List<Path> kbFiles(Path folder, List<Problem> problems) {
        try (Stream<Path> files = Files.list(folder)) {
            // Not filtered on being a regular file: a dangling link or a folder named *.md is reported, not skipped.
            return files.filter(KbLoader::isKbFile).sorted().toList();
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
