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
