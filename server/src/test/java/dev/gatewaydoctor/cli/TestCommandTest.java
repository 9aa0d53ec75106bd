package dev.gatewaydoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

    static final Path FIXTURES = Path.of("server/src/test/resources/authoring/test-command");

    /** A company's folder: the foreign-domain fixture KB with its own examples and floors. */
    static Path companyKb(Path dir, String... evalFiles) throws IOException {
        Path kb = Files.createDirectories(dir.resolve("ours"));
        try (Stream<Path> files = Files.list(Path.of("server/src/test/resources/kb-mail"))) {
            for (Path f : files.toList()) {
                Files.copy(f, kb.resolve(f.getFileName()));
            }
        }
        Path eval = Files.createDirectories(kb.resolve("eval"));
        for (String f : evalFiles) {
            Files.copy(FIXTURES.resolve(f), eval.resolve(f));
        }
        return kb;
    }

    @Test
    void a_kb_whose_examples_reach_their_nodes_and_keep_their_floors_passes() throws IOException {
        Path kb = companyKb(Files.createTempDirectory("gd-test"), "examples.jsonl", "thresholds.yml");
        ValidateCommandTest.Run r = ValidateCommandTest.run("test", "--kb", kb.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 flows checked") && r.out().contains("PASS"), r.out());
    }

    @Test
    void an_example_that_reaches_another_node_fails_with_its_file_line_and_where_it_went(@TempDir Path dir) throws IOException {
        Path kb = companyKb(dir, "examples.jsonl", "broken.jsonl");
        ValidateCommandTest.Run r = ValidateCommandTest.run("test", "--kb", kb.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("FAIL: 1 problem(s)"), r.out());
        assertTrue(r.out().contains("broken.jsonl:1: unknown-wrong-node: expected to reach node 'fix-typo', reached 'typo'"), r.out());
    }

    @Test
    void figures_below_the_folders_floor_fail(@TempDir Path dir) throws IOException {
        Path kb = companyKb(dir, "examples.jsonl");
        Files.writeString(kb.resolve("eval/thresholds.yml"), "negatives_rejected: 0.5\npositives_top1: 1.01\n");
        ValidateCommandTest.Run r = ValidateCommandTest.run("test", "--kb", kb.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("positives_top1 must be a share between 0 and 1"), r.out());
        Files.writeString(kb.resolve("eval/extra.jsonl"),
                "{\"id\": \"wrong\", \"kind\": \"log\", \"expect\": \"greylisted\", \"text\": \"552 5.2.2 Mailbox full\"}\n");
        Files.writeString(kb.resolve("eval/thresholds.yml"), "positives_top1: 0.9\n");
        r = ValidateCommandTest.run("test", "--kb", kb.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("positives_top1 is 75.0%, below the floor of 90.0%"), r.out());
    }

    @Test
    void the_bundled_kb_passes_its_own_test() {
        ValidateCommandTest.Run r = ValidateCommandTest.run("test", "--kb", "kb");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS"), r.out());
    }
}
