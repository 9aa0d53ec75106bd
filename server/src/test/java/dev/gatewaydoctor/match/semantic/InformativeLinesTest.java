package dev.gatewaydoctor.match.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.match.Evaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
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

    @Test
    void the_quick_checks_answer_as_the_patterns_alone_on_every_kb_text_dev_set_text_and_random_texts() throws Exception {
        List<String> texts = new ArrayList<>();
        for (Entry e : KbLoader.load(List.of(Path.of("kb"))).list()) {
            texts.addAll(e.variants());
            texts.add(e.title() + "\n" + e.summary());
            for (Node n : e.flow().nodes().values()) {
                texts.add(n.title() + "\n" + n.text());
            }
        }
        Evaluation.load(Path.of("kb", "eval")).forEach(s -> texts.add(s.text()));
        // Random lines of the characters each check looks at: line ends, blanks, digits, the
        // first characters of a stack frame and the last ones of a configuration line.
        String alphabet = "aFt#.;{}[]<>/ \t\u000B\f\r\n\u0085\u2028\u00A0x1\"(),:-_eFile at";
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                t.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(t.toString());
        }
        for (String text : texts) {
            assertEquals(Reference.of(text, 2048), InformativeLines.of(text, 2048), text);
            assertEquals(Reference.normalised(text), InformativeLines.normalised(text), text);
        }
    }

    /** The cut as the patterns alone make it: what the quick checks must never change. */
    private static final class Reference {
        private static final Pattern CONFIG = Pattern.compile(".*[;{}]\\s*|\\[[^\\]\\s]+\\]|</?[A-Za-z][\\w-]*(?:\\s[^>]*)?>");
        private static final Pattern FRAME = Pattern.compile(
                "at\\s+[\\w$.<>/@:-]+\\s*\\(.*\\)|at\\s+[\\w$.<>/@:-]+:\\d+(?::\\d+)?|File\\s+\".*\",\\s+line\\s+\\d+.*|#\\d+\\s+0x[0-9a-fA-F]+.*|\\.{3}\\s*\\d+\\s+more");
        private static final Pattern DIGITS = Pattern.compile("\\d+");
        private static final Pattern SPACE = Pattern.compile("\\s+");

        static String of(String text, int maxChars) {
            StringBuilder out = new StringBuilder();
            Set<String> seen = new LinkedHashSet<>();
            for (String raw : text.split("\\R")) {
                String line = SPACE.matcher(raw).replaceAll(" ").strip();
                if (out.length() >= maxChars) {
                    break;
                }
                if (!informative(line) || !seen.add(DIGITS.matcher(line.toLowerCase(Locale.ROOT)).replaceAll("0"))) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(line);
            }
            String kept = out.length() == 0 ? SPACE.matcher(text).replaceAll(" ").strip() : out.toString();
            return kept.length() > maxChars ? kept.substring(0, maxChars) : kept;
        }

        static boolean informative(String line) {
            long letters = line.chars().filter(Character::isLetter).count();
            return letters >= 2 && !FRAME.matcher(line).matches() && !CONFIG.matcher(line).matches();
        }

        static String normalised(String text) {
            return SPACE.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        }
    }
}
