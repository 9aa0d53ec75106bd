package dev.gatewaydoctor.match.semantic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic component with the real model, the real tokenizer and real files. */
class SemanticTest {

    private static final Path FIXTURES = Path.of("server/src/test/resources/semantic");
    private static final Path MAIL_KB = Path.of("server/src/test/resources/kb-mail");

    private static Semantic shared;

    @BeforeAll
    static void start() {
        shared = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.empty()));
    }

    @AfterAll
    static void stop() {
        shared.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void a_paraphrase_is_closer_than_a_text_on_another_subject() throws Exception {
        for (String line : Files.readAllLines(FIXTURES.resolve("related.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] t = line.split("\t");
            float[] anchor = shared.embed(t[0]);
            double related = cosine(anchor, shared.embed(t[1]));
            double unrelated = cosine(anchor, shared.embed(t[2]));
            assertTrue(related > unrelated + 0.2, t[0] + ": related " + related + ", unrelated " + unrelated);
        }
    }

    @Test
    void vectors_are_those_of_the_packaged_model_as_its_own_library_computes_them() {
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        String text = "the upstream server did not answer in time";
        float[] ours = shared.model().embed(text);
        float[] theirs = reference.embed(text).content().vector();
        assertEquals(SentenceModel.DIMENSIONS, ours.length);
        assertTrue(cosine(ours, theirs) > 0.999, "cosine to the reference " + cosine(ours, theirs));
    }

    @Test
    void the_same_text_again_comes_from_the_cache_whatever_its_case_and_spacing() {
        String text = "Our checkout page times out after thirty seconds, twice a day";
        float[] first = shared.embed(text);
        long inferences = shared.model().inferences();
        float[] again = shared.embed("  our CHECKOUT page times out\nafter thirty seconds,   twice a day ");
        assertSame(first, again);
        assertEquals(inferences, shared.model().inferences(), "no inference for a cached text");
    }

    @Test
    void a_text_over_the_token_budget_is_cut_to_it() {
        try (SentenceModel small = SentenceModel.load(16, 1)) {
            String longText = "the proxy could not reach the application server behind it ".repeat(20);
            assertEquals(16, small.tokens(longText));
            assertTrue(small.tokens("short text") < 16);
            // Cut to 16 tokens, the long text reads as its first 14 words (plus the two special tokens).
            String first14 = String.join(" ", List.of(longText.split(" ")).subList(0, 14));
            assertTrue(cosine(small.embed(longText), small.embed(first14)) > 0.999);
        }
    }

    @Test
    void no_more_inferences_run_at_once_than_the_pool_allows() throws Exception {
        try (Semantic two = Semantic.start(Semantic.Options.defaults().withConcurrency(2).withCacheSize(0)
                .withDataFolder(Optional.empty()))) {
            ExecutorService callers = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<float[]>> done = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String text = "request number " + i + " waits for a free inference slot in the pool";
                done.add(callers.submit(() -> {
                    go.await();
                    return two.embed(text);
                }));
            }
            go.countDown();
            for (Future<float[]> f : done) {
                f.get();
            }
            callers.shutdown();
            assertEquals(32, two.model().inferences());
            assertTrue(two.model().mostConcurrent() <= 2, "at most 2 at once, saw " + two.model().mostConcurrent());
            assertEquals(2, two.model().mostConcurrent(), "8 callers keep both slots busy");
        }
    }

    @Test
    void a_second_build_over_the_same_kb_and_data_folder_embeds_nothing(@TempDir Path data) throws Exception {
        Kb kb = KbLoader.load(List.of(MAIL_KB));
        Map<String, SemanticIndex.Similarity> first;
        String text = "552 mailbox full, the message was not delivered";
        try (Semantic cold = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            SemanticIndex index = cold.index(kb);
            assertTrue(cold.persistent());
            assertEquals(index.build().texts(), index.build().embedded());
            first = index.similarities(text).all();
        }
        try (Semantic warm = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            SemanticIndex index = warm.index(kb);
            assertEquals(0, index.build().embedded());
            assertEquals(0, warm.model().inferences(), "no KB text went through the model");
            assertEquals(first, index.similarities(text).all());
        }
    }

    @Test
    void a_reload_with_one_summary_edited_embeds_that_text_only(@TempDir Path data) throws Exception {
        Kb kb = KbLoader.load(List.of(MAIL_KB));
        Entry e = kb.list().get(0);
        Map<String, Entry> edited = new LinkedHashMap<>(kb.entries());
        edited.put(e.id(), new Entry(e.id(), e.title(), e.codes(), e.variants(), e.audience(), e.tags(), e.related(),
                e.evidence(), e.summary() + " Edited by a KB author.", e.flow(), e.file()));
        try (Semantic semantic = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            semantic.index(kb);
            assertEquals(1, semantic.index(new Kb(edited)).build().embedded());
        }
    }

    @Test
    void a_data_folder_that_cannot_be_made_leaves_the_vectors_in_memory_and_the_build_working(@TempDir Path data)
            throws Exception {
        Path file = Files.writeString(data.resolve("not-a-folder"), "x");
        try (Semantic semantic = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(file)))) {
            assertFalse(semantic.persistent());
            SemanticIndex index = semantic.index(KbLoader.load(List.of(MAIL_KB)));
            assertEquals(index.build().texts(), index.build().embedded());
        }
    }

    @Test
    void a_text_in_the_glossary_language_comes_closer_to_its_entry_through_the_glossary(@TempDir Path plain)
            throws Exception {
        Path withGlossary = Path.of("server/src/test/resources/kb-glossary");
        for (String f : List.of("disk-full.md", "upstream-timeout.md")) {
            Files.copy(withGlossary.resolve(f), plain.resolve(f));
        }
        String french = "Le disque est plein depuis ce matin";
        double without = shared.index(KbLoader.load(List.of(plain))).similarities(french).of("disk-full").variant();
        double with = shared.index(KbLoader.load(List.of(withGlossary))).similarities(french).of("disk-full").variant();
        assertTrue(with > without + 0.1, "with the glossary " + with + ", without " + without);
        String english = "The disk is full since this morning";
        assertEquals(shared.index(KbLoader.load(List.of(plain))).similarities(english).of("disk-full").variant(),
                shared.index(KbLoader.load(List.of(withGlossary))).similarities(english).of("disk-full").variant(), 1e-9,
                "a text no rule names is read as without a glossary");
    }

    @Test
    void on_a_foreign_domain_kb_the_nearest_wording_is_the_right_entry() throws Exception {
        SemanticIndex index = shared.index(KbLoader.load(List.of(MAIL_KB)));
        assertEquals(List.of("mailbox-full"), index.similarities("the recipient has no space left in their inbox, quota exceeded").nearest(1));
        assertEquals(List.of("mailbox-unknown"), index.similarities("there is no such user at that address").nearest(1));
        SemanticIndex.Similarity s = index.similarities("greylisted: please try again later").of("greylisted");
        assertTrue(s.variant() > index.similarities("greylisted: please try again later").of("mailbox-full").variant());
    }

    @Test
    void the_vector_file_left_half_written_counts_as_empty(@TempDir Path data) throws Exception {
        Kb kb = KbLoader.load(List.of(MAIL_KB));
        try (Semantic cold = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            cold.index(kb);
        }
        Path file;
        try (var files = Files.list(data.resolve("vectors"))) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (Semantic again = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            SemanticIndex index = again.index(kb);
            assertEquals(index.build().texts(), index.build().embedded());
        }
        assertArrayEquals(bytes, Files.readAllBytes(file), "rewritten whole");
    }
}
