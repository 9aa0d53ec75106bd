package dev.gatewaydoctor.kb;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Something recognisable in a user's text: every pattern must be found.
 *
 * @param label what it means, said back to the user
 * @param patterns compiled case-insensitive patterns
 * @param line where it is declared
 */
public record Evidence(String label, List<Pattern> patterns, int line) {

    public Evidence {
        patterns = List.copyOf(patterns);
    }

    /** How many characters a single pattern may inspect before it is given up as runaway. */
    static final long STEP_BUDGET = 20_000_000L;

    /**
     * The first match of the first pattern when every pattern is found, else empty. A pattern that
     * backtracks past {@link #STEP_BUDGET} counts as not found, so no KB pattern can hang a request.
     */
    public java.util.Optional<String> find(CharSequence text) {
        return whenAll(patterns.size(), i -> firstMatch(patterns.get(i), text));
    }

    /**
     * The first of {@code count} patterns' matches when every one has a match, else empty, given
     * each pattern's first match ({@code null} for none) by its position: the rule {@link #find}
     * applies, for callers that keep each pattern's answer for a text.
     */
    public static java.util.Optional<String> whenAll(int count, java.util.function.IntFunction<String> firstMatchOf) {
        String first = null;
        for (int i = 0; i < count; i++) {
            String found = firstMatchOf.apply(i);
            if (found == null) {
                return java.util.Optional.empty();
            }
            if (first == null) {
                first = found;
            }
        }
        return java.util.Optional.ofNullable(first);
    }

    /**
     * The first match of one pattern in {@code text}, or null when there is none or the pattern
     * backtracks past {@link #STEP_BUDGET}: the step {@link #find} takes per pattern, for callers
     * that keep each pattern's answer for a text (patterns shared between entries run once).
     */
    public static String firstMatch(Pattern p, CharSequence text) {
        return budgeted(p, text, Matcher::find);
    }

    /**
     * The same, searching only the regions {@code [from[i], to[i])} for {@code i < count}, in
     * order, for a pattern whose every match lies within one of them: look-arounds, boundaries and
     * anchors see the whole text, as they do in a search of all of it, so the first match found is
     * the one that search finds. One step budget for all the regions.
     */
    public static String firstMatch(Pattern p, CharSequence text, int[] from, int[] to, int count) {
        return budgeted(p, text, m -> {
            for (int i = 0; i < count; i++) {
                if (m.region(from[i], to[i]).find()) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * The same, trying the pattern only at the positions {@code at[i]} for {@code i < count}
     * (ascending; a repeated one is tried once), for a pattern whose every match starts at one of
     * them: each try sees the whole text, as a search of all of it does at that position, so the
     * first position that matches gives the first match. One step budget for all the tries.
     */
    public static String firstMatchAt(Pattern p, CharSequence text, int[] at, int count) {
        return budgeted(p, text, m -> {
            for (int i = 0; i < count; i++) {
                if ((i == 0 || at[i] != at[i - 1]) && m.region(at[i], text.length()).lookingAt()) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * The match {@code search} leaves in a matcher of {@code p} over {@code text} (bounds
     * transparent and not anchoring, which a search of the whole text does not notice), or null
     * when it finds none or the text's step budget runs out.
     */
    private static String budgeted(Pattern p, CharSequence text, java.util.function.Predicate<Matcher> search) {
        Matcher m = p.matcher(new Budgeted(text)).useTransparentBounds(true).useAnchoringBounds(false);
        try {
            return search.test(m) ? m.group() : null;
        } catch (Budgeted.Exhausted e) {
            return null;
        }
    }

    /** A view of the text that stops a regex after a bounded number of character reads. */
    private static final class Budgeted implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("pattern step budget exhausted", null, false, false);
            }
        }

        private final CharSequence text;
        private long left = STEP_BUDGET;

        Budgeted(CharSequence text) {
            this.text = text;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
