package dev.gatewaydoctor.regex;

import java.util.regex.Pattern;

/**
 * Whether a regular expression can never match a line feed: then each of its matches lies within
 * one line, and a text need only be searched on the lines that hold one of its
 * {@link RequiredLiterals}, not from every position of the whole text. Told from the source, and
 * only when sure: anything that might match a line feed makes the answer false — {@code \s},
 * {@code \W}, {@code \D}, {@code \H}, {@code \v}, {@code \R}, characters named by code
 * ({@code \n}, {@code \x} in both its forms, {@code \0}, {@code \c}, {@code \N}), properties
 * ({@code \p}, {@code \P}), {@code \X}, negated classes, class ranges that may start at or
 * below a line feed, a line feed written as itself, and {@code .} where it matches everything
 * (dot-all, inline or as a flag; free-spacing mode is not read at all). Anchors, boundaries,
 * look-arounds and back-references match nothing of their own, so they do not count.
 */
public final class SingleLine {

    private SingleLine() {}

    /** Inline flags that turn on dot-all or free-spacing somewhere in the pattern (or off: then too, to be safe). */
    private static final Pattern INLINE_S_OR_X = Pattern.compile("\\(\\?[a-zA-Z-]*[sx]");
    /** Escapes that match no line feed: boundaries, anchors, word and digit characters, non-space, horizontal space, single control characters, back-references. */
    private static final String SAFE_ESCAPES = "bBAGZzwdShtfreak123456789";

    public static boolean of(Pattern p) {
        if ((p.flags() & (Pattern.DOTALL | Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return false;
        }
        String re = RequiredLiterals.unquoted(p.pattern());
        if (INLINE_S_OR_X.matcher(re).find()) {
            return false;
        }
        int classDepth = 0;
        // Inside a class: the atom before, for ranges: -1 none, -2 an escape, else the character.
        int previous = -1;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\n') {
                return false;
            }
            if (c == '\\') {
                if (i + 1 >= re.length()) {
                    return false;
                }
                char e = re.charAt(++i);
                if (Character.isLetterOrDigit(e) && SAFE_ESCAPES.indexOf(e) < 0 || e == '\n') {
                    return false;
                }
                previous = Character.isLetterOrDigit(e) ? -2 : e;
            } else if (c == '[') {
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    return false;
                }
                classDepth++;
                previous = -1;
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    previous = ']'; // a leading ] is a member, not the end
                    i++;
                }
            } else if (c == ']' && classDepth > 0) {
                classDepth--;
                previous = -1;
            } else if (classDepth > 0 && c == '-' && previous != -1 && i + 1 < re.length() && re.charAt(i + 1) != ']') {
                // A range: it holds a line feed only if it starts at or below one.
                if (previous == -2 || previous <= '\n') {
                    return false;
                }
                previous = -1;
            } else {
                previous = c;
            }
        }
        return true;
    }
}
