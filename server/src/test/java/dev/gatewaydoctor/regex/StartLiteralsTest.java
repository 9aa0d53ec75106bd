package dev.gatewaydoctor.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.kb.Evidence;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StartLiteralsTest {

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static Optional<List<String>> of(String re) {
        return StartLiterals.of(Pattern.compile(re, CI)).map(s -> s.lineStarts()
                ? java.util.stream.Stream.concat(s.literals().stream(), java.util.stream.Stream.of("^")).toList() : s.literals());
    }

    @Test
    void each_alternative_gives_the_literal_its_matches_start_with() {
        assertEquals(Optional.of(List.of("app", "api", "node", "server")), of("\\b(app|api|node(\\.?js)?|server)('s)?\\s+never"));
        assertEquals(Optional.of(List.of("server error", "sorry")), of("(?<!internal )server errors?|sorry"));
        assertEquals(Optional.of(List.of("error code")), of("\\berror code:? 502\\b"));
        assertEquals(Optional.of(List.of("^")), of("(?i)^upstream timed out"));
        assertEquals(Optional.of(List.of("^")), of("(?m)^\\s*active:"));
        assertEquals(Optional.of(List.of("<center>cloudflare</center>", "^")), of("<center>cloudflare</center>|^\\s*cloudflare\\s*$"));
        assertEquals(Optional.of(List.of("|")), of("\\|\\s*502:\\s*bad gateway"));
        assertEquals(Optional.of(List.of("ab", "c")), of("ab|c"));
        assertEquals(Optional.of(List.of("a.b (c)|d")), of(Pattern.quote("a.b (c)|d")));
        assertEquals(Optional.of(List.of("http/1.")), of("http/1\\.[01] 502"));
        assertEquals(Optional.of(List.of("conn")), of("conn+ect"));
        assertEquals(Optional.of(List.of("bad gateway")), of("(?:bad gateway)"));
    }

    @Test
    void a_start_that_may_vary_gives_none() {
        for (String re : List.of("\\s*active:", "a?bc", "(ab)?cd", "[ab]cd", "\\d{3} error", "x|\\w+", "(^|\\s)ab", ".bc", "(?x)ab",
                "\\Gab", "(ab|\\d)d", "\\x41bc", "(ab)*cd", "(?=a)|bc")) {
            assertEquals(Optional.empty(), of(re), re);
        }
    }

    /**
     * Trying a pattern only where its start literals are gives the first match a search of the
     * whole text gives: random patterns from pieces (look-arounds, boundaries, anchors, groups,
     * quantifiers, case) on random texts.
     */
    @Test
    void trying_only_the_start_literals_finds_the_whole_texts_first_match() {
        String[] starts = {"ab", "ba", "(?<!a)ab", "\\bab", "^ab", "(?m)^ba", "(ab|ba)", "(?:aB|bb)", "(?i)AB", "(?=a)ab", "a+b",
            "^\\s*a", "(?m)^\\s*b", "(?m)(?:^|a)b", "a", "\\ ", "(?m)^$"};
        String[] rest = {"", "a", "b", "\\b", "\\s*", "a?", "(a|b)+", "$", "b{2}", "(?!a)", "[ab]", ".", "\\1"};
        Random random = new Random(5);
        int tried = 0;
        for (int t = 0; t < 20_000; t++) {
            String re = starts[random.nextInt(starts.length)] + rest[random.nextInt(rest.length)] + rest[random.nextInt(rest.length)];
            if (random.nextBoolean()) {
                re += "|" + starts[random.nextInt(starts.length)] + rest[random.nextInt(rest.length)];
            }
            Pattern p;
            try {
                p = Pattern.compile(re, random.nextBoolean() ? CI : 0);
            } catch (java.util.regex.PatternSyntaxException e) {
                continue;
            }
            Optional<StartLiterals.Starts> literals = StartLiterals.of(p);
            if (literals.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                text.append("abAB \n\r".charAt(random.nextInt(7)));
            }
            String folded = RequiredLiterals.fold(text.toString());
            // Every place a literal starts, and every line start when an alternative starts with ^.
            int[] at = new int[(literals.get().literals().size() + 1) * (text.length() + 1)];
            int n = 0;
            for (String l : literals.get().literals()) {
                for (int i = folded.indexOf(l); i >= 0; i = folded.indexOf(l, i + 1)) {
                    at[n++] = i;
                }
            }
            if (literals.get().lineStarts()) {
                for (int i = -1; i < text.length(); i++) {
                    if (i < 0 || "\n\r".indexOf(text.charAt(i)) >= 0) {
                        at[n++] = i + 1;
                    }
                }
            }
            java.util.Arrays.sort(at, 0, n);
            assertEquals(Evidence.firstMatch(p, text), Evidence.firstMatchAt(p, text, at, n), re + " on " + text);
            tried++;
        }
        assertEquals(true, tried > 5000, "tried " + tried);
    }
}
