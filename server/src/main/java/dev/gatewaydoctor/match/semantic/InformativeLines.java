package dev.gatewaydoctor.match.semantic;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a pasted text worth a sentence vector: its prose and its message lines, in order.
 * A pasted configuration, a stack trace or a log line repeated a hundred times would otherwise
 * fill the model's few hundred tokens and drown the sentence that says what is wrong.
 *
 * <p>Only the shape of a line is looked at (how it ends, how it starts, how much of it is
 * letters), never its words, so any knowledge base's texts are cut the same way.
 */
public final class InformativeLines {

    /** A statement or block of a configuration file: ends with ';', '{' or '}', or is a section header. */
    private static final Pattern CONFIG = Pattern.compile(".*[;{}]\\s*|\\[[^\\]\\s]+\\]|</?[A-Za-z][\\w-]*(?:\\s[^>]*)?>");
    /** A frame of a stack trace: {@code at pkg.Class.method(File.java:12)}, {@code File "x.py", line 3}, {@code #3 0x...}. */
    private static final Pattern FRAME = Pattern.compile(
            "at\\s+[\\w$.<>/@:-]+\\s*\\(.*\\)|at\\s+[\\w$.<>/@:-]+:\\d+(?::\\d+)?|File\\s+\".*\",\\s+line\\s+\\d+.*|#\\d+\\s+0x[0-9a-fA-F]+.*|\\.{3}\\s*\\d+\\s+more");

    private InformativeLines() {}

    /**
     * The informative lines of {@code text}, joined by newlines, at most {@code maxChars} long (a
     * bound for the tokenizer's work, not the token budget itself). A text with no line left is
     * kept whole, so that nothing becomes an empty text.
     */
    public static String of(String text, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        StringBuilder out = new StringBuilder();
        // A line seen again with other numbers (timestamps, ids, ports) adds nothing new.
        Set<String> seen = new LinkedHashSet<>();
        for (String raw : text.split("\\R")) {
            String line = spaced(raw).strip();
            if (out.length() >= maxChars) {
                break;
            }
            if (!informative(line) || !seen.add(withoutNumbers(line.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line);
        }
        String kept = out.length() == 0 ? spaced(text).strip() : out.toString();
        return kept.length() > maxChars ? kept.substring(0, maxChars) : kept;
    }

    static boolean informative(String line) {
        if (letters(line) < 2 || mayBeFrame(line) && FRAME.matcher(line).matches()) {
            return false;
        }
        return !(mayBeConfig(line) && CONFIG.matcher(line).matches());
    }

    // The patterns run on every line of every KB text at start (100,000 texts in a KB of 10,000
    // entries) and of every pasted text: these checks of the first or last character, which each
    // alternative needs, let most lines skip them. They never change an answer
    // (InformativeLinesTest compares them with the patterns alone).

    /** Whether {@link #FRAME} can match: each alternative starts with "at", "File", '#' or '.'. */
    private static boolean mayBeFrame(String line) {
        if (line.isEmpty()) {
            return false;
        }
        char c = line.charAt(0);
        return c == 'a' || c == 'F' || c == '#' || c == '.';
    }

    /** Whether {@link #CONFIG} can match: each alternative ends with ';', '{', '}', ']' or '>' before blanks. */
    private static boolean mayBeConfig(String line) {
        int end = line.length();
        while (end > 0 && isSpace(line.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return false;
        }
        char c = line.charAt(end - 1);
        return c == ';' || c == '{' || c == '}' || c == ']' || c == '>';
    }

    /** {@code \s} as a pattern without flags reads it. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Runs of {@code \s} made one space, as {@code text.replaceAll("\\s+", " ")} makes them (one pass, no pattern). */
    private static String spaced(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int end = i + 1;
            while (end < text.length() && isSpace(text.charAt(end))) {
                end++;
            }
            if (out == null && (c != ' ' || end > i + 1)) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(' ');
            }
            i = end - 1;
        }
        return out == null ? text : out.toString();
    }

    /** Runs of ASCII digits made "0", as {@code text.replaceAll("\\d+", "0")} makes them (one pass, no pattern). */
    private static String withoutNumbers(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!digit) {
                out.append(c);
            } else if (i == 0 || text.charAt(i - 1) < '0' || text.charAt(i - 1) > '9') {
                out.append('0');
            }
        }
        return out == null ? text : out.toString();
    }

    private static int letters(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (Character.isLetter(line.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** The cache key of a text: case and spacing do not change what the (uncased) model reads. */
    static String normalised(String text) {
        return spaced(text.toLowerCase(Locale.ROOT)).strip();
    }
}
