package dev.gatewaydoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String CASES = "server/src/test/resources/kb-authoring/";

    @Test
    void an_entry_no_dev_set_example_expects_is_a_warning_and_the_exit_code_stays_0() {
        Run r = run("validate", "--kb", CASES + "unexampled");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains(CASES + "unexampled/lonely.md:2: warning: no dev-set example expects 'lonely'"), r.err());
        assertFalse(r.err().contains("'covered'"), r.err());
        assertTrue(r.out().contains("1 warning(s)"), r.out());
    }

    @Test
    void warnings_are_printed_with_file_and_line_and_errors_still_exit_1() {
        Run warned = run("validate", "--kb", CASES + "file-name");
        assertEquals(0, warned.code());
        assertTrue(warned.err().contains("wrong-name.md:2: warning: file name"), warned.err());
        Run failed = run("validate", "--kb", CASES + "evidence-without-backticks");
        assertEquals(1, failed.code());
        assertTrue(failed.err().contains("entry.md:18: option evidence needs its pattern in backticks"), failed.err());
    }
}
