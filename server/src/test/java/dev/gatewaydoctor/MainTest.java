package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validate_accepts_the_bundled_kb() {
        Run r = run("validate", "--kb", "kb");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("OK"));
    }

    @Test
    void validate_rejects_a_broken_copy_with_file_and_line(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("kb"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path nginx = dir.resolve("502-nginx.md");
        Files.writeString(nginx, Files.readString(nginx).replaceFirst("\\]\\(#", "](#no-such-node-"));
        Run r = run("validate", "--kb", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("502-nginx.md:"), r.err());
        assertTrue(r.err().contains("unknown node '#no-such-node-"), r.err());
    }

    @Test
    void a_usage_error_prints_usage_and_exits_2() {
        Run r = run("--port", "seventy");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: gateway-doctor"), r.err());
        assertTrue(r.err().contains("seventy"), r.err());
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("--kb").code());
    }

    @Test
    void a_bad_kb_stops_the_server_start_with_exit_1(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.md"), "---\ntitle: no id\n---\n");
        Run r = run("--port", "0", "--kb", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("broken.md:"), r.err());
    }

    /** A copy of the foreign-domain fixture KB with a small dev set of its own, as a company would layer it. */
    private static Path mailKbWithDevSet(Path dir) throws IOException {
        Path kb = Files.createDirectories(dir.resolve("ours"));
        try (Stream<Path> files = Files.list(Path.of("server/src/test/resources/kb-mail"))) {
            for (Path f : files.toList()) {
                Files.copy(f, kb.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(kb.resolve("eval"));
        Files.copy(Path.of("server/src/test/resources/match/mail-eval/mail.jsonl"), kb.resolve("eval/mail.jsonl"));
        return kb;
    }

    @Test
    void eval_fit_write_refits_on_the_last_folder_and_the_server_uses_its_weights(@TempDir Path dir) throws IOException {
        Path ours = mailKbWithDevSet(dir);
        Run r = run("eval", "--fit", "--write", "--kb", ours.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().indexOf("== HELD-OUT") < r.out().indexOf("== 5-FOLD"), r.out());
        assertTrue(r.out().indexOf("== 5-FOLD") < r.out().indexOf("== IN-SAMPLE"), r.out());
        Path file = ours.resolve("eval/weights.json");
        assertTrue(Files.isRegularFile(file), r.out());
        dev.gatewaydoctor.match.Tuning t = dev.gatewaydoctor.match.Tuning.forFolders(java.util.List.of(ours));
        assertEquals(java.util.List.of("greylisted", "mailbox-full", "mailbox-unknown"), t.fitted().kb());
        assertTrue(!java.util.Arrays.equals(t.weights(), dev.gatewaydoctor.match.Tuning.defaults().weights()));
    }

    @Test
    void weights_fitted_with_other_features_stop_the_server_with_a_clear_message(@TempDir Path dir) throws IOException {
        Path ours = mailKbWithDevSet(dir);
        String weights = Files.readString(Path.of("kb/eval/weights.json")).replace("\"focus-specific\"", "\"semantic-best\"");
        Files.writeString(ours.resolve("eval/weights.json"), weights);
        Run r = run("--port", "0", "--kb", ours.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("missing [focus-specific], unknown [semantic-best]"), r.err());
        assertTrue(r.err().contains("eval --fit --write"), r.err());
    }

    @Test
    void eval_try_applies_the_batch_rule_to_a_file_of_new_lines_without_writing_weights(@TempDir Path dir) throws IOException {
        Path ours = mailKbWithDevSet(dir);
        Path batch = Path.of("server/src/test/resources/match/mail-batch/new.jsonl");
        Run r = run("eval", "--try", batch.toString(), "--kb", ours.toString());
        assertEquals(0, r.code(), r.err());
        // five fit lines in the dev set; three new ones, the held-out-marked one tried as fit too
        assertTrue(r.out().contains("the 5 fit inputs' cross-validated misses:"), r.out());
        assertTrue(r.out().contains("the batch's own 3 inputs:"), r.out());
        assertTrue(r.out().contains("passes:") || r.out().contains("fails:"), r.out());
        assertTrue(!r.out().contains("== HELD-OUT"), r.out());
        assertTrue(!Files.exists(ours.resolve("eval/weights.json")), "a trial writes nothing");
    }

    @Test
    void eval_try_refuses_a_batch_whose_ids_are_already_in_the_dev_set(@TempDir Path dir) throws IOException {
        Path ours = mailKbWithDevSet(dir);
        Run r = run("eval", "--try", ours.resolve("eval/mail.jsonl").toString(), "--kb", ours.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("mail-unknown-1 is already in the dev set"), r.err());
        assertEquals(2, run("eval", "--try", ours.resolve("eval/mail.jsonl").toString(), "--fit").code());
    }

    @Test
    void eval_repeat_prints_the_fit_splits_misses_under_each_assignment_of_topics_to_folds(@TempDir Path dir)
            throws IOException {
        Path ours = mailKbWithDevSet(dir);
        Run r = run("eval", "--repeat", "3", "--hide-heldout-misses", "--kb", ours.toString());
        assertEquals(0, r.code(), r.err());
        var line = java.util.regex.Pattern.compile("misses under 3 assignments of topics to folds \\(the first is this one\\):"
                + " (\\d+) / (\\d+) / (\\d+), mean [\\d.]+ of (\\d+)").matcher(r.out());
        assertTrue(line.find(), r.out());
        // the first assignment is the cross-validation printed above it
        var first = java.util.regex.Pattern.compile("== 5-FOLD CROSS-VALIDATION.*?\\nmisses: (\\d+)", java.util.regex.Pattern.DOTALL)
                .matcher(r.out().replace("misses under", "under"));
        assertTrue(first.find(), r.out());
        assertEquals(first.group(1), line.group(1), r.out());
        assertTrue(!run("eval", "--kb", ours.toString()).out().contains("assignments of topics"), "one assignment by default");
        assertEquals(2, run("eval", "--repeat", "0", "--kb", ours.toString()).code());
    }

    @Test
    void write_without_fit_is_a_usage_error() {
        Run r = run("eval", "--write");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("with --fit"), r.err());
    }

    @Test
    void help_lists_every_command_and_the_exit_codes_and_exits_0() {
        Run r = run("--help");
        assertEquals(0, r.code(), r.err());
        for (String command : new String[] {"serve", "validate", "eval", "triage", "--host", "--port", "--kb", "Exit codes:"}) {
            assertTrue(r.out().contains(command), command + " missing from:\n" + r.out());
        }
    }

    @Test
    void every_subcommand_has_its_own_help() {
        for (String command : new String[] {"serve", "validate", "eval", "triage"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: gateway-doctor " + command), r.out());
        }
        assertTrue(run("eval", "--help").out().contains("--fit"));
        assertTrue(run("help", "triage").out().contains("--out"));
    }

    @Test
    void version_prints_the_build_version() {
        Run r = run("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s)gateway-doctor \\d+\\.\\d+\\.\\d+.*"), r.out());
        assertEquals(r.out(), run("validate", "--version").out());
    }

    @Test
    void a_port_out_of_range_is_a_usage_error() {
        Run r = run("serve", "--port", "70000");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("between 0 and 65535"), r.err());
    }

    @Test
    void an_option_of_another_command_is_a_usage_error() {
        assertEquals(2, run("validate", "--fit").code());
        assertEquals(2, run("eval", "--out", "x").code());
    }
}
