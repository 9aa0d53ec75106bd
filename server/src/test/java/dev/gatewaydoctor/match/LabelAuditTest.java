package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelAuditTest {

    private static final Path FIXTURE = Path.of("server/src/test/resources/label-audit");

    private static Evaluation.Outcome outcome(String id, String kind, String expect, String split, String answered) {
        Evaluation.Sample s = new Evaluation.Sample(id, kind, expect, "t", id, split, "batch.jsonl");
        return new Evaluation.Outcome(s, answered == null ? List.of() : List.of(answered), answered == null ? 0 : 0.9,
                answered != null, answered == null ? 0 : 0.9);
    }

    @Test
    void blind_labels_are_read_by_line_id_with_none_and_null_both_meaning_no_entry() throws IOException {
        Map<String, LabelAudit.Label> labels = LabelAudit.load(List.of(FIXTURE));
        assertEquals(5, labels.size());
        assertEquals("502-nginx", labels.get("report-1").label());
        assertEquals("app-server-down", labels.get("report-1").second());
        assertNull(labels.get("report-2").label());
        assertNull(labels.get("neg-1").label());
        assertNull(labels.get("neg-1").second());
        assertTrue(labels.get("page-1").sure());
    }

    @Test
    void a_dev_set_without_blind_labels_has_none_and_prints_nothing(@TempDir Path dir) throws IOException {
        Map<String, LabelAudit.Label> labels = LabelAudit.load(List.of(dir));
        assertTrue(labels.isEmpty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Evaluation.Report empty = new Evaluation.Report(List.of());
        LabelAudit.print(labels, new Evaluation.Protocol(empty, empty, empty, null, null, 0.5),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void two_labels_for_one_line_are_an_error_naming_the_line(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("audit"));
        Files.writeString(dir.resolve(LabelAudit.FILE), """
                {"id": "a", "label": "dns"}
                {"id": "a", "label": "none"}
                """);
        IOException e = assertThrows(IOException.class, () -> LabelAudit.load(List.of(dir)));
        assertTrue(e.getMessage().contains("blind-labels.jsonl:2"), e.getMessage());
    }

    @Test
    void agreement_and_the_answers_on_each_side_of_it_are_counted_over_the_audited_lines() throws IOException {
        Map<String, LabelAudit.Label> labels = LabelAudit.load(List.of(FIXTURE));
        List<Evaluation.Outcome> outcomes = List.of(
                // agreed and right
                outcome("page-1", "page", "502-nginx", Evaluation.HELDOUT, "502-nginx"),
                // the dev set says app-server-down, the blind label 502-nginx with it as second
                // choice: a disagreement, answered as the blind label
                outcome("report-1", "report", "app-server-down", Evaluation.HELDOUT, "502-nginx"),
                // the dev set says dns, the blind label none with dns as second choice: answered dns, right
                outcome("report-2", "report", "dns", Evaluation.HELDOUT, "dns"),
                // agreed negative, taken as a match: wrong
                outcome("neg-1", "negative", null, Evaluation.HELDOUT, "dns"),
                // no blind label: not counted
                outcome("other", "report", "dns", Evaluation.HELDOUT, "dns"));
        LabelAudit.Figures f = LabelAudit.Figures.of(outcomes, labels);
        assertEquals(4, f.audited());
        assertEquals(2, f.agree());
        assertEquals(4, f.agreeOrSecond());
        assertEquals(2, f.sure());
        assertEquals(1, f.rightAgreed());
        assertEquals(1, f.rightDisagreed());
        assertEquals(1, f.blindAnswered());
    }

    @Test
    void the_audit_prints_held_out_then_the_fit_lines_then_each_held_out_file() throws IOException {
        Map<String, LabelAudit.Label> labels = LabelAudit.load(List.of(FIXTURE));
        Evaluation.Report heldout = new Evaluation.Report(List.of(
                outcome("page-1", "page", "502-nginx", Evaluation.HELDOUT, "502-nginx"),
                outcome("page-1~noise", Evaluation.NOISE, "502-nginx", Evaluation.HELDOUT, null)));
        Evaluation.Report cv = new Evaluation.Report(List.of(outcome("fit-1", "question", "dns", Evaluation.FIT, "dns")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LabelAudit.print(labels, new Evaluation.Protocol(heldout, cv, cv, null, null, 0.5),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        int held = text.indexOf("held-out  ");
        int fit = text.indexOf("fit (cross-validated)");
        int file = text.indexOf("batch.jsonl");
        assertTrue(held > 0 && fit > held && file > fit, text);
        // the noised copy is made by eval, not labelled: one audited held-out line
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  held-out ") && l.contains("      1  100.0%")), text);
    }
}
