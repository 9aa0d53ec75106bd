package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.bench.GeneratedKb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large folder's parsed entries kept in the data folder: the next load reads them for every file
 * whose bytes are the same and comes out exactly as a fresh parse; an edited file is parsed again, a
 * file with errors is reported every time, a damaged copy is ignored, a small folder keeps nothing.
 * The folder is the bundled KB (translations, jumps between entries, evidence, look-alikes) with a
 * generated KB beside it to make it large.
 */
class ParsedCacheTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void writeFolder() throws IOException {
        try (Stream<Path> files = Files.list(KbLoaderTest.BUNDLED)) {
            for (Path f : files.filter(KbLoader::isKbFile).toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        GeneratedKb.write(folder, ParsedCache.MIN_ENTRIES, new Random(5));
    }

    @Test
    void a_second_load_reads_the_kept_parse_and_comes_out_as_a_fresh_parse(@TempDir Path data) throws Exception {
        Kb fresh = KbLoader.load(List.of(folder));
        Kb writing = KbLoader.load(List.of(folder), Optional.of(data));
        assertTrue(keptFiles(data).size() > ParsedCache.MIN_ENTRIES, "every entry file is kept");
        Kb reading = KbLoader.load(List.of(folder), Optional.of(data));
        assertSameKb(fresh, writing);
        assertSameKb(fresh, reading);
    }

    @Test
    void the_kept_parse_stands_for_a_file_whose_bytes_are_the_same(@TempDir Path data) throws Exception {
        KbLoader.load(List.of(folder), Optional.of(data));
        // Plant a different title under the real bytes' hash: only a load that reads the copy sees it.
        Path file = folder.resolve("dns.md");
        ParsedCache cache = cache(data);
        byte[] hash = ParsedCache.hash(Files.readAllBytes(file));
        Map<String, ParsedCache.Kept> planted = new TreeMap<>();
        for (String name : keptFiles(data)) {
            byte[] h = ParsedCache.hash(Files.readAllBytes(folder.resolve(name)));
            ParsedCache.Kept k = cache.lookup(name, h).orElseThrow();
            if (name.equals("dns.md")) {
                Entry e = k.parsed().entry();
                k = new ParsedCache.Kept(hash, k.warnings(), new EntryParser.Parsed(new Entry(e.id(), "a title only the copy has",
                        e.codes(), e.variants(), e.audience(), e.tags(), e.related(), e.evidence(), e.unlike(), e.summary(),
                        e.flow(), e.file(), e.lines()), null));
            }
            planted.put(name, k);
        }
        // A write of the same files' hashes is skipped: start from no copy.
        try (Stream<Path> s = Files.list(data.resolve("entries"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        cache(data).write(planted);
        assertEquals("a title only the copy has", KbLoader.load(List.of(folder), Optional.of(data)).expectEntry("dns").title());
        assertEquals(KbLoader.load(List.of(folder)).expectEntry("dns").title(),
                KbLoader.load(List.of(folder), Optional.of(Files.createTempDirectory(data, "other"))).expectEntry("dns").title(),
                "another data folder parses the file");
    }

    @Test
    void an_edited_file_is_parsed_again_and_kept_anew(@TempDir Path data) throws Exception {
        KbLoader.load(List.of(folder), Optional.of(data));
        Path file = folder.resolve("gen-7.md");
        String original = Files.readString(file);
        try {
            String title = KbLoader.load(List.of(folder)).expectEntry("gen-7").title();
            Files.writeString(file, original.replace("title: " + title, "title: An edited title"));
            assertEquals("An edited title", KbLoader.load(List.of(folder), Optional.of(data)).expectEntry("gen-7").title());
            assertTrue(cache(data).lookup("gen-7.md", ParsedCache.hash(Files.readAllBytes(file))).isPresent(),
                    "the edited file's parse is kept");
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void a_file_with_errors_is_reported_on_every_load_and_never_kept(@TempDir Path data) throws Exception {
        Path file = folder.resolve("gen-3.md");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original.replaceFirst("\nid: gen-3\n", "\nid: Not An Id\n"));
            for (int load = 0; load < 2; load++) {
                KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(folder), Optional.of(data)));
                assertTrue(e.problems().stream().anyMatch(p -> p.file().equals(file)), e.problems().toString());
            }
            assertFalse(keptFiles(data).contains("gen-3.md"));
            assertTrue(keptFiles(data).contains("gen-4.md"), "the files without errors are kept");
        } finally {
            Files.writeString(file, original);
        }
        assertEquals("gen-3", KbLoader.load(List.of(folder), Optional.of(data)).expectEntry("gen-3").id());
    }

    @Test
    void a_damaged_copy_is_ignored_and_replaced(@TempDir Path data) throws Exception {
        KbLoader.load(List.of(folder), Optional.of(data));
        Path copy;
        try (Stream<Path> s = Files.list(data.resolve("entries"))) {
            copy = s.findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(copy);
        b[b.length / 2] ^= 0x55;
        Files.write(copy, b);
        assertTrue(keptFiles(data).isEmpty(), "a damaged copy reads as nothing kept");
        assertSameKb(KbLoader.load(List.of(folder)), KbLoader.load(List.of(folder), Optional.of(data)));
        assertTrue(keptFiles(data).size() > ParsedCache.MIN_ENTRIES, "the load kept a whole copy again");
    }

    @Test
    void a_small_folder_keeps_nothing(@TempDir Path data) throws Exception {
        KbLoader.load(List.of(KbLoaderTest.BUNDLED), Optional.of(data));
        assertFalse(Files.exists(data.resolve("entries")));
    }

    private static ParsedCache cache(Path data) {
        return ParsedCache.of(Optional.of(data), folder, ParsedCache.MIN_ENTRIES).orElseThrow();
    }

    /** The names of the files whose current bytes have a kept parse. */
    private static List<String> keptFiles(Path data) throws IOException {
        ParsedCache cache = cache(data);
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".md")).filter(f -> {
                try {
                    return cache.lookup(f.getFileName().toString(), ParsedCache.hash(Files.readAllBytes(f))).isPresent();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertSameKb(Kb expected, Kb actual) {
        assertEquals(expected.entries().keySet(), actual.entries().keySet());
        expected.entries().forEach((id, e) -> assertEquals(canonical(e), canonical(actual.expectEntry(id)), id));
        assertEquals(expected.translations().keySet(), actual.translations().keySet());
        expected.translations().forEach((id, byLang) -> byLang.forEach((lang, t) ->
                assertEquals(canonical(t), canonical(actual.translations().get(id).get(lang)), id + "." + lang)));
        assertEquals(expected.warnings(), actual.warnings());
    }

    /** An entry as values (a compiled pattern has no equality of its own: its source and flags stand for it). */
    private static List<Object> canonical(Entry e) {
        List<Object> nodes = e.flow().nodes().values().stream().<Object>map(n -> n instanceof Node.Question q
                ? List.of(q.id(), q.title(), q.text(), q.line(), q.options().stream()
                        .map(o -> List.of(o.id(), o.label(), o.target(), evidence(o.evidence()), o.line())).toList())
                : n).toList();
        return List.of(e.id(), e.title(), e.codes(), e.variants(), e.audience(), e.tags(), e.related(),
                evidence(e.evidence()), evidence(e.unlike()), e.summary(), e.flow().root(), nodes, e.file(), e.lines());
    }

    private static List<Object> evidence(List<Evidence> list) {
        return list.stream().<Object>map(ev -> List.of(ev.label(),
                ev.patterns().stream().map(p -> p.pattern() + "/" + p.flags()).toList(), ev.line())).toList();
    }
}
