package dev.gatewaydoctor.match.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InformativeLinesTest {

    private static final Path FIXTURES = Path.of("server/src/test/resources/semantic");

    @Test
    void a_report_keeps_its_prose_and_one_of_each_log_line_and_drops_the_config_and_the_stack_frames() throws Exception {
        String report = Files.readString(FIXTURES.resolve("long-report.txt"), StandardCharsets.UTF_8);
        String expected = Files.readString(FIXTURES.resolve("long-report.expected"), StandardCharsets.UTF_8).strip();
        assertEquals(expected, InformativeLines.of(report, 10_000));
    }

    @Test
    void a_text_with_nothing_informative_is_kept_whole_rather_than_emptied() {
        assertEquals("location / { proxy_pass http://a; }", InformativeLines.of("location / {\n  proxy_pass http://a;\n}", 1000));
    }

    @Test
    void the_kept_text_never_exceeds_the_character_bound() {
        String many = "a sentence that says what is wrong with the site\n".repeat(1000).replace("wrong", "wrong 1");
        assertTrue(InformativeLines.of(many, 200).length() <= 200);
    }
}
