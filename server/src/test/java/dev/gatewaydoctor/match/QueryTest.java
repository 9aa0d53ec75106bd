package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class QueryTest {

    /**
     * The prose terms, and the derived title and OCR terms, are, in order, what analysing the text
     * for those fields gives (prose and title as the texts matched are: with the KB's glossary).
     */
    @Test
    void derived_field_terms_equal_the_fields_own_analysis() throws Exception {
        EntryIndex index = new EntryIndex(TestServer.bundledKb());
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

    /**
     * The paragraphs' terms and those of the lines without setup, found from one pass's offsets,
     * are what analysing each line gives. Without the glossary: one of its phrases may span a line
     * break in the whole text, which a line alone cannot show.
     */
    @Test
    void paragraph_and_quiet_terms_equal_the_lines_own_analysis() throws Exception {
        dev.gatewaydoctor.kb.Kb bundled = TestServer.bundledKb();
        EntryIndex index = new EntryIndex(new dev.gatewaydoctor.kb.Kb(bundled.entries(), bundled.warnings(), bundled.translations()));
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            Query q = Query.of(s.text(), index);
            java.util.List<String> terms = java.util.List.of(q.terms());
            java.util.List<java.util.List<Integer>> paragraphs = new ArrayList<>();
            java.util.Set<String> quiet = new java.util.LinkedHashSet<>();
            var shape = TextShape.of(q.visible());
            for (TextShape.Paragraph p : shape.paragraphs()) {
                java.util.Set<String> in = new java.util.LinkedHashSet<>();
                for (int i = 0; i < p.lines().size(); i++) {
                    var line = EntryIndex.terms(index.analyzer, Schema.PROSE, p.lines().get(i));
                    in.addAll(line);
                    if (!p.setup(i)) {
                        quiet.addAll(line);
                    }
                }
                paragraphs.add(positions(in, terms));
            }
            assertEquals(positions(quiet, terms), ints(q.withoutSetup().at()), s.id());
            assertEquals(paragraphs.size() > 1 ? paragraphs : java.util.List.of(),
                    q.paragraphs().stream().map(p -> ints(p.at())).toList(), s.id());
        }
    }

    private static java.util.List<Integer> positions(java.util.Set<String> set, java.util.List<String> terms) {
        return set.stream().map(terms::indexOf).filter(i -> i >= 0).toList();
    }

    private static java.util.List<Integer> ints(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
