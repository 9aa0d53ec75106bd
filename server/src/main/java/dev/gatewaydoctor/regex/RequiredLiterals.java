package dev.gatewaydoctor.regex;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Literals of which every match of a regular expression contains at least one, derived from the
 * pattern's source once: text that holds none of them cannot match, so the pattern need not run.
 * Literals are kept case-folded (see {@link #fold}) and tested against the folded text, which makes
 * the test hold for case-sensitive and case-insensitive patterns alike. When nothing can be told for
 * sure, every text may match. Immutable and thread-safe.
 */
public final class RequiredLiterals {

    private static final RequiredLiterals NONE = new RequiredLiterals(List.of());

    /** Folded, distinct; empty when nothing is required. */
    private final List<String> any;

    private RequiredLiterals(List<String> any) {
        this.any = any;
    }

    /** The requirement of {@code p}; one that every text meets when none can be derived. */
    public static RequiredLiterals of(Pattern p) {
        return required(p).map(any -> new RequiredLiterals(any.stream().map(RequiredLiterals::fold).distinct().toList()))
                .orElse(NONE);
    }

    /** The literals, folded (see {@link #fold}): every match holds one of them. Empty when nothing is required. */
    public List<String> literals() {
        return any;
    }

    /** Whether something is required (else {@link #mayMatch} is always true). */
    public boolean requiresAny() {
        return !any.isEmpty();
    }

    /** False only when the text surely holds no match; {@code folded} is {@link #fold} of the text. */
    public boolean mayMatch(String folded) {
        if (any.isEmpty()) {
            return true;
        }
        for (String l : any) {
            if (folded.contains(l)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text folded so that any two characters a case-insensitive (Unicode) regex takes as equal
     * become the same character: lower case of upper case, char by char (length kept). This is the
     * comparison Java's engine makes for characters of the Basic Multilingual Plane, and it is
     * idempotent there, so a folded literal is found in folded text wherever the pattern would
     * match it; case-sensitive patterns and ASCII-only case-insensitivity equate fewer characters,
     * so the test still never rules out a match.
     */
    public static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                // The common case, without the table lookups: ASCII folds to ASCII lower case.
                out[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            } else {
                out[i] = Character.toLowerCase(Character.toUpperCase(c));
            }
        }
        return new String(out);
    }

    /**
     * Literals of which every match of {@code p} contains at least one, as written in the pattern
     * (not folded), or empty when none can be told for sure. A run of plain characters outside any
     * group is required; so is, of a group that is not optional, what its content requires; of an
     * alternation, each branch must require something and the requirement is any of theirs.
     * Classes, escapes with a meaning, quantified characters, look-arounds and optional groups end a
     * run and require nothing, and so do control characters and surrogates (a supplementary
     * character's case is folded by code point, not by char). Of the requirements of a sequence,
     * the one whose shortest literal is longest is kept; single characters rule out almost nothing
     * and are not worth a scan (two already rule out most texts for a status such as {@code 50[234]},
     * and say which lines to search, see {@link SingleLine}).
     */
    public static Optional<List<String>> required(Pattern p) {
        if ((p.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return Optional.empty();
        }
        String re = unquoted(p.pattern());
        if (INLINE_COMMENTS.matcher(re).find()) {
            return Optional.empty(); // (?x): white space is not literal
        }
        return Optional.ofNullable(alternation(re, 0, re.length()));
    }

    /** The single literal every match contains, when the requirement is one literal (see {@link #required}). */
    public static Optional<String> requiredLiteral(Pattern p) {
        return required(p).filter(any -> any.size() == 1).map(any -> any.get(0));
    }

    /**
     * The same regular expression with each quoted stretch ({@code \\Q...\\E}, as
     * {@link Pattern#quote} writes literals) written out character by character instead: letters and
     * digits as they are, everything else behind a backslash, which Java's regex reads as that
     * character itself. The readers of a pattern's source here then see quoted text as literal.
     */
    public static String unquoted(String re) {
        if (!re.contains("\\Q")) {
            return re;
        }
        StringBuilder out = new StringBuilder(re.length());
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c != '\\' || i + 1 >= re.length()) {
                out.append(c);
            } else if (re.charAt(i + 1) != 'Q') {
                out.append(c).append(re.charAt(++i));
            } else {
                int end = re.indexOf("\\E", i + 2);
                String quoted = re.substring(i + 2, end < 0 ? re.length() : end);
                for (int k = 0; k < quoted.length(); k++) {
                    char q = quoted.charAt(k);
                    if (!Character.isLetterOrDigit(q)) {
                        out.append('\\');
                    }
                    out.append(q);
                }
                i = end < 0 ? re.length() : end + 1;
            }
        }
        return out.toString();
    }

    static final Pattern INLINE_COMMENTS = Pattern.compile("\\(\\?[a-zA-Z-]*x");
    private static final int MIN_LITERAL = 2;
    /** The requirement of {@code re[from, to)}, which may hold top-level alternatives; null for none. */
    private static List<String> alternation(String re, int from, int to) {
        return alternatives(re, from, to, RequiredLiterals::sequence);
    }

    /** What one top-level alternative {@code re[from, to)} gives; null for nothing. */
    interface Alternative {
        List<String> of(String re, int from, int to);
    }

    /**
     * {@code re[from, to)} cut at its top-level {@code |}: what {@code each} gives of every
     * alternative, together; null as soon as one gives nothing (then the whole tells nothing).
     */
    static List<String> alternatives(String re, int from, int to, Alternative each) {
        List<String> any = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? re.charAt(i) : '|';
            if (i < to && c == '\\') {
                i++;
            } else if (i < to && c == '[') {
                i = skipClass(re, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                List<String> branch = each.of(re, start, i);
                if (branch == null) {
                    return null;
                }
                any.addAll(branch);
                start = i + 1;
            }
        }
        return any;
    }

    /** The requirement of a sequence without top-level alternatives; null for none. */
    private static List<String> sequence(String re, int from, int to) {
        List<List<String>> found = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = from; i < to; i++) {
            char c = re.charAt(i);
            switch (c) {
                case '(' -> {
                    end(found, run);
                    int close = closing(re, i, to);
                    if (close < 0) {
                        return best(found); // unbalanced: what came before still holds
                    }
                    boolean optional = close + 1 < to && "?*{".indexOf(re.charAt(close + 1)) >= 0;
                    int content = contentStart(re, i, close);
                    if (!optional && content >= 0) {
                        List<String> inner = alternation(re, content, close);
                        if (inner != null) {
                            found.add(inner);
                        }
                    }
                    i = close;
                }
                case '[' -> {
                    end(found, run);
                    i = skipClass(re, i);
                }
                case '?', '*', '{' -> {
                    // The atom before is optional (or repeated a number of times we do not parse).
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    end(found, run);
                    if (c == '{') {
                        int close = re.indexOf('}', i);
                        i = close < 0 || close >= to ? to : close;
                    }
                }
                case '+' -> end(found, run); // at least once: the run so far stays, the next char may repeat
                case '.', '^', '$', ')' -> end(found, run);
                case '\\' -> {
                    if (i + 1 >= to) {
                        return null;
                    }
                    char e = re.charAt(++i);
                    if (Character.isLetterOrDigit(e)) {
                        end(found, run); // \d, \s, \b...: not a plain character
                        if (Character.isDigit(e) || "xuckpPN".indexOf(e) >= 0) {
                            // Code points, properties, back-references: their arguments are not
                            // parsed here, so stop; what came before still holds.
                            return best(found);
                        }
                    } else {
                        append(found, run, e);
                    }
                }
                default -> append(found, run, c);
            }
        }
        end(found, run);
        return best(found);
    }

    /**
     * Where the content of the group opened at {@code open} starts, or -1 for a group that requires
     * nothing of the text around it: a look-around, or inline flags alone ({@code (?i)}).
     */
    static int contentStart(String re, int open, int close) {
        if (open + 1 >= close || re.charAt(open + 1) != '?') {
            return open + 1;
        }
        int i = open + 2;
        if (i >= close) {
            return -1;
        }
        char c = re.charAt(i);
        if (c == ':' || c == '>') {
            return i + 1;
        }
        if (c == '=' || c == '!') {
            return -1;
        }
        if (c == '<') {
            if (i + 1 < close && (re.charAt(i + 1) == '=' || re.charAt(i + 1) == '!')) {
                return -1;
            }
            int gt = re.indexOf('>', i);
            return gt < 0 || gt >= close ? -1 : gt + 1; // a named group
        }
        int colon = i;
        while (colon < close && (Character.isLetter(re.charAt(colon)) || re.charAt(colon) == '-')) {
            colon++;
        }
        return colon < close && re.charAt(colon) == ':' ? colon + 1 : -1; // (?i:...) or flags alone
    }

    /** The {@code )} closing the group opened at {@code open}, or -1. */
    static int closing(String re, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(re, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void append(List<List<String>> found, StringBuilder run, char c) {
        if (Character.isISOControl(c) || Character.isSurrogate(c)) {
            end(found, run);
        } else {
            run.append(c);
        }
    }

    private static void end(List<List<String>> found, StringBuilder run) {
        if (run.length() > 0) {
            found.add(List.of(run.toString()));
            run.setLength(0);
        }
    }

    /** The requirement whose shortest literal is longest, if that is long enough to be worth a scan. */
    private static List<String> best(List<List<String>> found) {
        List<String> best = null;
        int bestMin = MIN_LITERAL - 1;
        for (List<String> any : found) {
            int min = any.stream().mapToInt(String::length).min().orElse(0);
            if (min > bestMin) {
                best = any;
                bestMin = min;
            }
        }
        return best;
    }

    /** The index of the {@code ]} closing the class opened at {@code open}. */
    static int skipClass(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++; // a leading ] is a member
        }
        int nested = 0;
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                nested++;
            } else if (c == ']') {
                if (nested == 0) {
                    return i;
                }
                nested--;
            }
        }
        return re.length();
    }
}
