package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class QueryTest {

    /**
     * The prose terms analysed line by line, and the derived title and OCR terms, are, in order,
     * what analysing the text for those fields gives. Without the glossary: a glossary's phrase
     * may span a line break in the whole text, and lines are what the matcher analyses.
     */
    @Test
    void derived_field_terms_equal_the_fields_own_analysis() throws Exception {
        dev.gatewaydoctor.kb.Kb bundled = TestServer.bundledKb();
        EntryIndex index = new EntryIndex(new dev.gatewaydoctor.kb.Kb(bundled.entries(), bundled.warnings(), bundled.translations()));
        int n = 0;
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            Query q = Query.of(s.text(), index);
            assertEquals(new ArrayList<>(EntryIndex.terms(index.analyzer, Schema.OCR, q.visible())), new ArrayList<>(q.ocr()), s.id());
            assertEquals(new ArrayList<>(EntryIndex.terms(index.queryProse, Schema.TITLE, q.visible())), new ArrayList<>(q.title()), s.id());
            assertEquals(new ArrayList<>(EntryIndex.terms(index.queryProse, Schema.PROSE, q.visible())), new ArrayList<>(q.prose()), s.id());
            n++;
        }
        assertEquals(true, n > 900);
    }
}
