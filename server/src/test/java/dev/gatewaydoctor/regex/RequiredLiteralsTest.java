package dev.gatewaydoctor.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLiteralsTest {

    private static Optional<String> literal(String regex) {
        return RequiredLiterals.requiredLiteral(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "upstream timed out \\(110: Connection timed out\\); upstream timed out (110: Connection timed out)",
        "proxy error; proxy error",
        "server at \\S+ port \\d+; 'server at '",
        "502 bad gateway|no live upstreams; -",
        "colou?r scheme; r scheme",
        "abc+d; abc",
        "(?i)briefly unavailable; briefly unavailable",
        "\\bAH0(0957|0959)\\b; -",
        "x\\Qa.b\\E long literal after; xa.b long literal after",
        "[^)]*\\) while connecting; ) while connecting",
        "(?x) a b c d; -",
        "ä umlaut; ä umlaut",
        "написал\\(а\\)|пишет; -",
        "a\u0001b umlaut; b umlaut",
    })
    void the_required_literal_is_what_every_match_contains(String regex, String expected) {
        assertEquals(Optional.ofNullable(expected), literal(regex));
    }

    /** Alternatives: every match contains at least one of the literals (or nothing is required). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "502 bad gateway|no live upstreams; 502 bad gateway,no live upstreams",
        "\\bAH0(0957|0959)\\b; 0957,0959",
        "connect\\(\\) to (unix:|\\S+:\\d+) failed; 'connect() to '",
        "(?:upstream|backend) timed out; ' timed out'",
        "(?:upstream|backend) hit; upstream,backend",
        "no live upstreams|x; -",
        "(?i)(nginx|openresty)/\\d; nginx,openresty",
        "(nginx|openresty)?/ failed here; '/ failed here'",
        "(?<=error )code \\d+; 'code '",
        "(?!abc)defgh; defgh",
        "(?<name>upstream) closed; upstream",
        "(?i:bad gateway)|(?s:proxy error); bad gateway,proxy error",
        "a(b|cd)e; -",
        "\\Qa(b\\E long literal; a(b long literal",
        "a écrit|написал\\(а\\)|đã viết; a écrit,написал(а),đã viết",
    })
    void the_requirement_is_a_literal_of_every_alternative(String regex, String expected) {
        Optional<List<String>> any = RequiredLiterals.required(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        assertEquals(Optional.ofNullable(expected).map(e -> List.of(e.split(","))), any);
    }

    @Test
    void folding_makes_case_insensitive_look_alikes_one_character() {
        assertEquals(RequiredLiterals.fold("server"), RequiredLiterals.fold("\u017Ferver"));
        assertEquals("kelvin", RequiredLiterals.fold("\u212Aelvin"));
    }

    /**
     * Every character with a case, in every case, under each way a pattern can compare case: a
     * text the pattern matches always passes the prefilter.
     */
    @Test
    void no_case_variant_a_pattern_matches_is_ruled_out() {
        int[] flags = {0, Pattern.CASE_INSENSITIVE, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS};
        int checked = 0;
        for (char c = 0x41; c < 0xFFFF; c++) {
            if (!Character.isLetter(c) || Character.isSurrogate(c)
                    || (Character.toUpperCase(c) == c && Character.toLowerCase(c) == c && Character.toTitleCase(c) == c)) {
                continue;
            }
            for (int f : flags) {
                Pattern p = Pattern.compile("ab" + c + "d", f);
                RequiredLiterals literals = RequiredLiterals.of(p);
                assertEquals(true, literals.requiresAny(), p.pattern());
                for (char v : new char[] {c, Character.toUpperCase(c), Character.toLowerCase(c), Character.toTitleCase(c)}) {
                    for (String text : List.of("ab" + v + "d", "AB" + v + "D", "x Ab" + v + "D y")) {
                        if (p.matcher(text).find()) {
                            assertEquals(true, literals.mayMatch(RequiredLiterals.fold(text)), text + " against " + p.pattern());
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(true, checked > 10_000, "checked " + checked);
    }

    /** Quoted text ({@code Pattern.quote}) is literal: it is required, and written out it matches what the quoted pattern matches. */
    @Test
    void quoted_text_is_read_as_literal() {
        for (String literal : List.of("upstream timed out (110", "a.b*c|d", "x\\Ey", "[502]", "tab\there")) {
            Pattern quoted = Pattern.compile("\\b" + Pattern.quote(literal) + "\\b|zz", Pattern.CASE_INSENSITIVE);
            assertEquals(true, RequiredLiterals.of(quoted).mayMatch(RequiredLiterals.fold("see " + literal.toUpperCase() + " here")));
            assertEquals(false, RequiredLiterals.of(quoted).mayMatch(RequiredLiterals.fold("nothing of it")));
            Pattern written = Pattern.compile(RequiredLiterals.unquoted(quoted.pattern()), quoted.flags());
            for (String text : List.of(literal, "a " + literal + " b", literal.replace('.', 'x'), "zz", "")) {
                assertEquals(quoted.matcher(text).find(), written.matcher(text).find(), literal + " in " + text);
            }
        }
    }
}
