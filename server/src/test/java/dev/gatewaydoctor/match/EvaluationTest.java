package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    private static Evaluation.Outcome outcome(String expect, String top, double confidence) {
        return outcome(expect, top, confidence, confidence);
    }

    private static Evaluation.Outcome outcome(String expect, String top, double confidence, double score) {
        Evaluation.Sample s = new Evaluation.Sample("x", "question", expect, "t", "x", Evaluation.HELDOUT);
        return new Evaluation.Outcome(s, top == null ? List.of() : List.of(top), confidence, confidence >= 0.5, score);
    }

    @Test
    void split_and_topic_are_read_and_default_to_fit_and_the_line_id(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), """
                {"id": "one", "kind": "question", "expect": "e", "text": "t", "topic": "shared", "split": "heldout"}
                {"id": "two", "kind": "question", "expect": null, "text": "t"}
                """);
        List<Evaluation.Sample> s = Evaluation.load(dir);
        assertEquals("shared", s.get(0).topic());
        assertTrue(s.get(0).heldout());
        assertEquals("two", s.get(1).topic());
        assertEquals(Evaluation.FIT, s.get(1).split());
    }

    @Test
    void an_unknown_split_is_an_error_naming_the_line(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.jsonl"), "{\"id\": \"one\", \"expect\": null, \"text\": \"t\", \"split\": \"test\"}\n");
        IOException e = assertThrows(IOException.class, () -> Evaluation.load(dir));
        assertTrue(e.getMessage().contains("a.jsonl:1"), e.getMessage());
    }

    @Test
    void held_out_lines_are_reported_file_by_file_for_each_model(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("batch-a.jsonl"), """
                {"id": "a1", "kind": "report", "expect": "e", "text": "t", "split": "heldout"}
                {"id": "a2", "kind": "report", "expect": "e", "text": "t", "split": "heldout"}
                {"id": "a3", "kind": "negative", "expect": null, "text": "t", "split": "heldout"}
                """);
        Files.writeString(dir.resolve("batch-b.jsonl"), """
                {"id": "b1", "kind": "report", "expect": "e", "text": "t", "split": "heldout"}
                """);
        List<Evaluation.Sample> samples = Evaluation.load(dir);
        assertEquals("batch-a.jsonl", samples.get(0).file());
        // The cascade gets a1 and b1 right and takes the negative a3 as a match; the lexical model
        // misses a2 and b1 and rejects a3.
        java.util.Map<String, Boolean> cascadeRight = java.util.Map.of("a1", true, "a2", false, "a3", false, "b1", true);
        java.util.Map<String, Boolean> lexicalRight = java.util.Map.of("a1", true, "a2", false, "a3", true, "b1", false);
        Evaluation.Report cascade = report(samples, cascadeRight);
        Evaluation.Report lexical = report(samples, lexicalRight);
        Evaluation.Comparison c = new Evaluation.Comparison(lexical, cascade, cascade, lexical, cascade, cascade, 0.6, null, 0, 0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Evaluation.printByFile(c, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*batch-a\\.jsonl +3 +50\\.0% / +0\\.0% \\| +50\\.0% / +0\\.0% \\| +50\\.0% / 100\\.0%.*"), out);
        assertTrue(out.matches("(?s).*batch-b\\.jsonl +1 +100\\.0% / +- \\| +100\\.0% / +- \\| +0\\.0% / +-.*"), out);
    }

    /** Outcomes of {@code samples} that are right where {@code right} says so. */
    private static Evaluation.Report report(List<Evaluation.Sample> samples, java.util.Map<String, Boolean> right) {
        return new Evaluation.Report(samples.stream().map(s -> {
            boolean ok = right.get(s.id());
            if (s.negative()) {
                return new Evaluation.Outcome(s, List.of("e"), ok ? 0.1 : 0.9, !ok, ok ? 0.1 : 0.9);
            }
            return new Evaluation.Outcome(s, List.of(ok ? "e" : "other"), 0.9, true, 0.9);
        }).toList());
    }

    @Test
    void a_batch_passes_the_rule_when_the_older_lines_lose_nothing_whatever_it_does_for_itself() {
        assertTrue(new Evaluation.Trial(100, 7, 7, 20, 9, 9).passes());
        assertTrue(new Evaluation.Trial(100, 7, 5, 20, 9, 12).passes());
        assertTrue(!new Evaluation.Trial(100, 7, 8, 20, 9, 1).passes());
    }

    @Test
    void noised_copies_keep_their_page_topic_and_split() {
        Evaluation.Sample page = new Evaluation.Sample("p", "page", "e", "502 Bad Gateway nginx", "t1", Evaluation.HELDOUT);
        Evaluation.Sample copy = Evaluation.withNoise(List.of(page)).get(1);
        assertEquals("t1", copy.topic());
        assertTrue(copy.heldout());
        assertEquals(Evaluation.fold(page), Evaluation.fold(copy));
    }

    @Test
    void calibration_compares_confidence_with_how_often_the_top_candidate_is_right() {
        // 0.95 bin: two right of two (observed 1.0, mean 0.95); 0.35 bin: one right of two (0.5 vs 0.35)
        Evaluation.Report r = new Evaluation.Report(List.of(outcome("a", "a", 0.95), outcome("a", "a", 0.95),
                outcome("a", "a", 0.35), outcome(null, "a", 0.35)));
        assertEquals((2 * 0.05 + 2 * 0.15) / 4, r.calibrationError(10), 1e-9);
    }

    @Test
    void the_threshold_decides_the_most_inputs_right_each_input_counting_once() {
        List<Evaluation.Outcome> outcomes = new java.util.ArrayList<>();
        // 40 positives answered right: 37 with high confidence, 3 at 0.55.
        for (int i = 0; i < 37; i++) {
            outcomes.add(outcome("a", "a", 0.95));
        }
        for (int i = 0; i < 3; i++) {
            outcomes.add(outcome("a", "a", 0.55));
        }
        // 10 negatives: 9 with low confidence, one at 0.52, just under the three positives.
        for (int i = 0; i < 9; i++) {
            outcomes.add(outcome(null, "a", 0.1));
        }
        outcomes.add(outcome(null, "a", 0.52));
        // Rejecting that negative (any threshold above 0.52 and up to 0.55) costs nothing; rejecting it
        // and losing the three (above 0.55) would trade three right answers for one.
        double t = Evaluation.chooseThreshold(new Evaluation.Report(outcomes));
        assertEquals(0.53, t, 1e-9);
        outcomes.set(outcomes.size() - 1, outcome(null, "a", 0.56));
        // Now only a threshold above 0.56 rejects it, and that loses three positives: the three stay answered.
        assertEquals(0.30, Evaluation.chooseThreshold(new Evaluation.Report(outcomes)), 1e-9);
    }

    @Test
    void the_lowest_threshold_keeps_precision_for_every_higher_one() {
        Evaluation.Report r = new Evaluation.Report(List.of(outcome("a", "a", 0.99), outcome("a", "b", 0.9),
                outcome("a", "a", 0.8), outcome("a", "a", 0.7)));
        Evaluation.Point p = r.lowestThresholdFor(0.99);
        assertEquals(0.99, p.threshold(), 1e-9);
        assertEquals(0.25, p.coverage(), 1e-9);
        assertEquals(0.75, r.at(0.7).precision(), 1e-9);
    }

    @Test
    void the_precision_curve_follows_the_top_candidates_score_not_the_chance_that_some_entry_fits() {
        // in scope for sure (0.99) but shared by two entries: the top's score is 0.55, so a 0.9
        // auto-reply threshold does not answer it, however confident the matcher is that something fits
        Evaluation.Report r = new Evaluation.Report(List.of(outcome("a", "b", 0.99, 0.55), outcome("a", "a", 0.95, 0.95)));
        assertEquals(1, r.at(0.9).answered());
        assertEquals(1.0, r.at(0.9).precision(), 1e-9);
        assertEquals(0.95, r.lowestThresholdFor(0.99).threshold(), 1e-9);
    }
    @Test
    void another_fold_assignment_deals_the_topics_afresh_and_keeps_each_topic_in_one_fold() {
        // A suffix on the topic would only shift every fold number by one amount: the same folds.
        int moved = 0;
        java.util.Set<Integer> folds = new java.util.TreeSet<>();
        java.util.Map<java.util.Set<Integer>, Integer> pairs = new java.util.HashMap<>();
        for (int i = 0; i < 500; i++) {
            Evaluation.Sample s = new Evaluation.Sample("l" + i, "question", "e", "t", "topic-" + i, Evaluation.FIT);
            Evaluation.Sample twin = new Evaluation.Sample("m" + i, "report", null, "u", "topic-" + i, Evaluation.FIT);
            assertEquals(Evaluation.fold(s), Evaluation.fold(s, 0));
            assertEquals(Evaluation.fold(s, 1), Evaluation.fold(twin, 1));
            folds.add(Evaluation.fold(s, 1));
            moved += Evaluation.fold(s, 1) != Evaluation.fold(s, 0) ? 1 : 0;
            pairs.merge(java.util.Set.of(Evaluation.fold(s, 0) * 10 + Evaluation.fold(s, 1)), 1, Integer::sum);
        }
        assertEquals(java.util.Set.of(0, 1, 2, 3, 4), folds);
        // dealt afresh: about four in five topics change fold, and fold pairs are not a relabelling
        assertTrue(moved > 300 && moved < 500, "moved " + moved);
        assertTrue(pairs.size() > 20, "fold pairs " + pairs.size());
    }
}
