package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.regex.RequiredLiterals;
import dev.gatewaydoctor.regex.SingleLine;
import dev.gatewaydoctor.regex.StartLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every distinct regular expression of a KB's evidence and look-alikes, numbered at load, each
 * with its literal prefilter. Entries often share a pattern (the same status test in several
 * entries), and the look-alikes are asked about once per candidate and once for the text as a
 * whole: a text's {@link Seen} runs each distinct pattern at most once and keeps its answer.
 *
 * <p>Numbering is thread-safe (entries are compiled on all cores); once the index is built the
 * table is only read.
 */
final class Patterns {

    /** Two patterns are the same when their source and flags are. */
    private record Key(String source, int flags) {}

    private final Map<Key, Integer> ids = new ConcurrentHashMap<>();
    /** By number; appended under the lock, read after the build. */
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<RequiredLiterals> required = new ArrayList<>();
    /** By number: the pattern compiled with ASCII case folding where that is the same on ASCII text (see {@link #asciiCase}), else null. */
    private final List<Pattern> ascii = new ArrayList<>();
    /** By number: whether the pattern can never match a line feed and requires literals (see {@link Seen#lines}). */
    private final List<Boolean> byLine = new ArrayList<>();
    /** By number: the literals every match starts with (see {@link StartLiterals}), or null. */
    private final List<StartLiterals.Starts> starts = new ArrayList<>();

    /** The number of {@code p}, numbering it on first sight. */
    int id(Pattern p) {
        Key key = new Key(p.pattern(), p.flags());
        Integer id = ids.get(key);
        return id != null ? id : ids.computeIfAbsent(key, k -> add(p));
    }

    private synchronized int add(Pattern p) {
        patterns.add(p);
        required.add(RequiredLiterals.of(p));
        ascii.add(asciiCase(p));
        byLine.add(SingleLine.of(p) && required.get(required.size() - 1).requiresAny());
        starts.add(StartLiterals.of(p).orElse(null));
        return patterns.size() - 1;
    }

    /** Inline flags that turn Unicode case folding or Unicode classes on or off inside a pattern. */
    private static final Pattern UNICODE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z-]*[uU]");
    /** Escapes that name characters or properties beyond ASCII, whose case folding this does not reason about. */
    private static final Pattern NON_ASCII_ESCAPES = Pattern.compile("\\\\[xuNpP0cQ]");

    /**
     * {@code p} without {@link Pattern#UNICODE_CASE}, when that matches exactly as {@code p} does
     * on text of ASCII characters alone, else null. Unicode case folding costs two table lookups
     * per character compared, and most pasted texts are ASCII. On ASCII text both foldings equate
     * the same pairs of characters — an ASCII letter's Unicode case partners that are not ASCII
     * (the Kelvin sign, the long s, the dotless i) are never in the text — provided the pattern
     * itself holds only ASCII characters and names none beyond them; word boundaries and the
     * predefined classes do not depend on case folding. Both read the text alike, one character
     * per comparison, so the step budget runs out at the same place.
     */
    static Pattern asciiCase(Pattern p) {
        int flags = p.flags();
        if ((flags & Pattern.CASE_INSENSITIVE) == 0 || (flags & Pattern.UNICODE_CASE) == 0
                || (flags & (Pattern.UNICODE_CHARACTER_CLASS | Pattern.CANON_EQ | Pattern.LITERAL)) != 0) {
            return null;
        }
        String source = p.pattern();
        if (!isAscii(source) || UNICODE_FLAGS.matcher(source).find() || NON_ASCII_ESCAPES.matcher(source).find()) {
            return null;
        }
        return Pattern.compile(source, flags & ~Pattern.UNICODE_CASE);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return patterns.size();
    }

    /** A text's answers, computed as they are asked for. */
    Seen in(String text, String folded) {
        return new Seen(text, folded);
    }

    /**
     * One text's pattern answers: whether each pattern's literals are in the text, and each
     * pattern's first match, each computed at most once. Used by one thread (one scoring).
     */
    final class Seen {
        private static final byte UNKNOWN = 0;
        private static final byte ABSENT = 1;
        private static final byte PRESENT = 2;

        private final String text;
        private final String folded;
        /** Per pattern: whether its literals may be in the text. */
        private final byte[] literals = new byte[patterns.size()];
        /** Whether the text is ASCII alone (see {@link #asciiCase}), once a pattern asks. */
        private byte asciiText = UNKNOWN;
        /** Per pattern: whether it matches, and its first match when it does. */
        private final byte[] matches = new byte[patterns.size()];
        private final String[] first = new String[patterns.size()];

        private Seen(String text, String folded) {
            this.text = text;
            this.folded = folded;
        }

        /** False only when the text surely holds no match of pattern {@code id} (see {@link RequiredLiterals}). */
        boolean mayMatch(int id) {
            if (literals[id] == UNKNOWN) {
                literals[id] = required.get(id).mayMatch(folded) ? PRESENT : ABSENT;
            }
            return literals[id] == PRESENT;
        }

        /** Pattern {@code id}'s first match in the text (as {@link Evidence#firstMatch}), or null. */
        String firstMatch(int id) {
            if (matches[id] == UNKNOWN) {
                String found = !mayMatch(id) ? null
                        : byLine.get(id) ? lines(id)
                        : starts.get(id) != null ? atStarts(id) : Evidence.firstMatch(pattern(id), text);
                first[id] = found;
                matches[id] = found == null ? ABSENT : PRESENT;
            }
            return first[id];
        }

        /**
         * Pattern {@code id}'s first match, searched only on the lines that hold one of its
         * literals: every match of it lies within one line and holds a literal, so the first line
         * with a match is among them, and its first match there is the text's first (the search
         * of a line sees the text around it). A long text pasted whole has its error on a few lines,
         * and the pattern no longer runs from every position of the rest.
         */
        private String lines(int id) {
            long[] found = new long[8];
            int n = 0;
            for (String literal : required.get(id).literals()) {
                // The folded text has the text's length, character for character (see RequiredLiterals#fold).
                for (int at = folded.indexOf(literal); at >= 0; ) {
                    int start = text.lastIndexOf('\n', at) + 1;
                    int end = text.indexOf('\n', at);
                    end = end < 0 ? text.length() : end;
                    found = org.apache.lucene.util.ArrayUtil.grow(found, n + 1);
                    found[n++] = ((long) start << 32) | end;
                    at = end < text.length() ? folded.indexOf(literal, end + 1) : -1;
                }
            }
            java.util.Arrays.sort(found, 0, n);
            int[] from = new int[n];
            int[] to = new int[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (count == 0 || (int) (found[i] >>> 32) != from[count - 1]) {
                    from[count] = (int) (found[i] >>> 32);
                    to[count++] = (int) found[i];
                }
            }
            return Evidence.firstMatch(pattern(id), text, from, to, count);
        }

        /**
         * Pattern {@code id}'s first match, tried only where the text holds one of the literals
         * every match starts with, in text order: the first place where it matches is the first
         * match a search from every position finds.
         */
        private String atStarts(int id) {
            int[] at = new int[8];
            int n = 0;
            StartLiterals.Starts where = starts.get(id);
            for (String literal : where.literals()) {
                for (int i = folded.indexOf(literal); i >= 0; i = folded.indexOf(literal, i + 1)) {
                    at = org.apache.lucene.util.ArrayUtil.grow(at, n + 1);
                    at[n++] = i;
                }
            }
            if (where.lineStarts()) {
                // The text's start and every place after a line terminator, as the regex engine's ^ knows them.
                for (int i = -1; i < text.length(); i++) {
                    if (i < 0 || isLineTerminator(text.charAt(i))) {
                        at = org.apache.lucene.util.ArrayUtil.grow(at, n + 1);
                        at[n++] = i + 1;
                    }
                }
            }
            java.util.Arrays.sort(at, 0, n);
            return Evidence.firstMatchAt(pattern(id), text, at, n);
        }

        private static boolean isLineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
        }

        private Pattern pattern(int id) {
            Pattern fast = ascii.get(id);
            if (fast == null) {
                return patterns.get(id);
            }
            if (asciiText == UNKNOWN) {
                asciiText = isAscii(text) ? PRESENT : ABSENT;
            }
            return asciiText == PRESENT ? fast : patterns.get(id);
        }
    }
}
