package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.bench.GeneratedKb;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large KB's index kept in the data folder: the next build of the same KB reads it and answers
 * exactly as a fresh build does; an edited entry, a damaged copy or a small KB builds instead.
 */
class IndexCacheTest {

    @TempDir
    static Path kbFolder;

    private static Kb kb;
    private static List<String> texts;

    @BeforeAll
    static void writeKb() throws Exception {
        GeneratedKb.write(kbFolder, IndexCache.MIN_ENTRIES, new Random(3));
        kb = KbLoader.load(List.of(kbFolder));
        // Each entry's first wording, and a word salad of two entries' wordings.
        texts = Stream.concat(kb.list().stream().limit(200).map(e -> e.variants().get(0)),
                kb.list().stream().limit(100).map(e -> e.variants().get(1) + " " + kb.list().get(999).variants().get(2))).toList();
    }

    private static void assertSameAnswers(Matcher expected, Matcher actual) {
        for (String text : texts) {
            assertEquals(expected.match(text, 5), actual.match(text, 5), text);
        }
    }

    @Test
    void the_same_kb_reads_the_kept_index_and_answers_as_a_fresh_build(@TempDir Path data) {
        Matcher built = Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data));
        assertFalse(built.indexFromCache());
        assertTrue(Files.isDirectory(data.resolve("index")), "the index is kept");
        Matcher read = Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data));
        assertTrue(read.indexFromCache());
        assertSameAnswers(Matcher.build(kb, Tuning.defaults()), read);
    }

    @Test
    void an_edited_entry_builds_the_index_again(@TempDir Path data) throws Exception {
        Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data));
        Entry first = kb.list().get(0);
        Path file = kbFolder.resolve(first.id() + ".md");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original.replace(first.variants().get(0), "518 an entirely different wording"));
            Kb edited = KbLoader.load(List.of(kbFolder));
            Matcher rebuilt = Matcher.build(edited, Tuning.defaults(), Optional.empty(), Optional.of(data));
            assertFalse(rebuilt.indexFromCache());
            assertEquals(first.id(), rebuilt.match("518 an entirely different wording", 1).results().get(0).id());
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void a_damaged_copy_is_built_again(@TempDir Path data) throws Exception {
        Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data));
        try (Stream<Path> s = Files.walk(data.resolve("index"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().equals("terms.bin")).toList()) {
                byte[] b = Files.readAllBytes(p);
                b[b.length / 2] ^= 0x55;
                Files.write(p, b);
            }
        }
        Matcher rebuilt = Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data));
        assertFalse(rebuilt.indexFromCache());
        assertSameAnswers(Matcher.build(kb, Tuning.defaults()), rebuilt);
        assertTrue(Matcher.build(kb, Tuning.defaults(), Optional.empty(), Optional.of(data)).indexFromCache(),
                "the rebuilt copy replaced the damaged one");
    }

    @Test
    void a_small_kb_writes_nothing(@TempDir Path data) throws Exception {
        Matcher small = Matcher.build(dev.gatewaydoctor.TestServer.bundledKb(), Tuning.defaults(), Optional.empty(), Optional.of(data));
        assertFalse(small.indexFromCache());
        assertFalse(Files.exists(data.resolve("index")));
    }
}
