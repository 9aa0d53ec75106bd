package dev.gatewaydoctor.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SingleLineTest {

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    @Test
    void patterns_of_words_digits_boundaries_and_look_arounds_stay_on_one_line() {
        for (String re : List.of("\\b50[234]\\b|bad gateway", "(?<!internal )server errors?", "upstream timed out \\(110",
                "^nginx/[\\d.]+$", "(?m)^active: failed$", "[\\w.-]+:\\d+", "connect\\(\\) to unix:\\S+ failed",
                "a.c", "[ -~]+", "(a)\\1", "\\tx\\r", "x{2,3}")) {
            assertEquals(true, SingleLine.of(Pattern.compile(re, CI)), re);
        }
    }

    @Test
    void anything_that_may_match_a_line_feed_is_not_single_line() {
        for (String re : List.of("a\\s+b", "a\\Wb", "a\\Db", "a\\Hb", "a\\vb", "a\\Rb", "a\\nb", "a\\x0ab", "a\\u000Ab",
                "a\\012b", "a\\cJb", "a\\p{Space}b", "a\\P{L}b", "a\\Xb", "a\\N{LINE FEED (LF)}b", "\\Q\n\\E", "a[^x]b",
                "a[\\t-\\r]b", "a[\u0001-z]b", "(?s)a.b", "(?is:a.b)", "(?x)a b", "a\nb", "a\\\nb", "x[[^y]]", "[]\\t-\\r]")) {
            assertEquals(false, SingleLine.of(Pattern.compile(re, CI)), re);
        }
        assertEquals(false, SingleLine.of(Pattern.compile("a.b", Pattern.DOTALL)));
        assertEquals(false, SingleLine.of(Pattern.compile("a\nb", Pattern.LITERAL)));
    }

    /**
     * What it judges single-line never matches a line feed: a pattern made at random from pieces,
     * some of which can, tried on random text full of line feeds.
     */
    @Test
    void a_pattern_judged_single_line_never_matches_a_line_feed() {
        String[] pieces = {"a", "b", "\\s", "\\S", "\\w", "\\W", "\\d", "\\D", ".", "[^a]", "[a-c]", "[\\t-\\r]", "\\h", "\\H",
            "\\v", "\\b", "(?s:.)", "\\R", "\\n", "+", "*", "?", "(a|\\s)", "(?m)^", "$", "\\x0A", "\\p{Cntrl}", "[\\x00-z]"};
        Random random = new Random(11);
        int judged = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder re = new StringBuilder();
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                re.append(pieces[random.nextInt(pieces.length)]);
            }
            Pattern p;
            try {
                p = Pattern.compile(re.toString(), CI);
            } catch (java.util.regex.PatternSyntaxException e) {
                continue;
            }
            if (!SingleLine.of(p)) {
                continue;
            }
            judged++;
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                text.append("ab \n\t\r1-".charAt(random.nextInt(8)));
            }
            Matcher m = p.matcher(text);
            while (m.find()) {
                assertEquals(false, m.group().contains("\n"), re + " matched " + m.group());
                if (m.end() == m.start()) {
                    if (m.end() >= text.length()) {
                        break;
                    }
                    m.region(m.end() + 1, text.length());
                }
            }
        }
        assertEquals(true, judged > 1000, "judged " + judged);
    }
}
