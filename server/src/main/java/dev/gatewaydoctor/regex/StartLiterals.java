package dev.gatewaydoctor.regex;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Literals of which every match of a regular expression starts with one (after any anchors,
 * boundaries and look-arounds, which match nothing of their own), derived from the pattern's
 * source once: a match can only start where the text holds one of them, so a search need only be
 * tried at those places rather than at every position. Like {@link RequiredLiterals}, kept
 * case-folded and compared with the folded text, which holds for case-sensitive and
 * case-insensitive patterns alike. Told only when sure: each top-level alternative must start with
 * {@code ^} or with a literal, written plainly or inside a group that is not optional whose
 * alternatives all do; anything else (a class, an escape with a meaning, a quantifier that
 * may skip the first character, free-spacing mode, {@code \G}) gives none; quoted text
 * ({@code \Q...\E}) is literal.
 */
public final class StartLiterals {

    private StartLiterals() {}

    /** A single character is enough: a search tried at each of its places tries no more than one from every position. */
    private static final int MIN = 1;

    /**
     * Where a pattern's matches can start: at an occurrence of one of {@code literals} (folded),
     * or, when {@code lineStarts}, at the start of the text or of a line (an alternative that
     * starts with {@code ^}, which in multi-line mode matches there and otherwise at the start).
     */
    public record Starts(List<String> literals, boolean lineStarts) {}

    /** Stands for "the start of a line" among an alternation's literals. */
    private static final String LINE = "";

    /** Where {@code p}'s matches can start, or empty when that cannot be told for sure. */
    public static Optional<Starts> of(Pattern p) {
        return literals(p).map(all -> new Starts(all.stream().filter(l -> !l.equals(LINE)).toList(), all.contains(LINE)));
    }

    private static Optional<List<String>> literals(Pattern p) {
        if ((p.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return Optional.empty();
        }
        String re = RequiredLiterals.unquoted(p.pattern());
        if (RequiredLiterals.INLINE_COMMENTS.matcher(re).find() || re.contains("\\G")) {
            return Optional.empty();
        }
        List<String> found = alternation(re, 0, re.length());
        return found == null ? Optional.empty()
                : Optional.of(found.stream().map(l -> l.equals(LINE) ? LINE : RequiredLiterals.fold(l)).distinct().toList());
    }

    /** The start literals of {@code re[from, to)}, split at its top-level alternatives; null for none. */
    private static List<String> alternation(String re, int from, int to) {
        return RequiredLiterals.alternatives(re, from, to, StartLiterals::branch);
    }

    /** The start literals of one alternative (no top-level {@code |}); null for none. */
    private static List<String> branch(String re, int from, int to) {
        int i = from;
        // What matches nothing of its own first: anchors, boundaries, look-arounds, inline flags.
        while (i < to) {
            char c = re.charAt(i);
            if (c == '^') {
                return List.of(LINE);
            } else if (c == '\\' && i + 1 < to && "bBA".indexOf(re.charAt(i + 1)) >= 0) {
                i += 2;
            } else if (c == '(' && i + 2 < to && re.charAt(i + 1) == '?' && zeroWidth(re, i, to)) {
                int close = RequiredLiterals.closing(re, i, to);
                if (close < 0 || quantified(re, close + 1, to)) {
                    return null;
                }
                i = close + 1;
            } else {
                break;
            }
        }
        if (i >= to) {
            return null;
        }
        char c = re.charAt(i);
        if (c == '(') {
            int close = RequiredLiterals.closing(re, i, to);
            if (close < 0 || quantified(re, close + 1, to)) {
                return null;
            }
            int content = RequiredLiterals.contentStart(re, i, close);
            return content < 0 ? null : alternation(re, content, close);
        }
        StringBuilder run = new StringBuilder();
        for (; i < to; i++) {
            c = re.charAt(i);
            char literal;
            int next = i + 1;
            if (c == '\\') {
                if (i + 1 >= to || Character.isLetterOrDigit(re.charAt(i + 1))) {
                    break; // an escape with a meaning ends the literal
                }
                literal = re.charAt(i + 1);
                next = i + 2;
            } else if ("[](){}.*+?|^$".indexOf(c) >= 0) {
                break;
            } else {
                literal = c;
            }
            if (Character.isISOControl(literal) || Character.isSurrogate(literal)) {
                break;
            }
            if (quantified(re, next, to) && next < to && re.charAt(next) != '+') {
                break; // this character may be absent (or repeated): the literal ends before it
            }
            run.append(literal);
            if (next < to && re.charAt(next) == '+') {
                break; // it may repeat: what follows it is not at a fixed place
            }
            i = next - 1;
        }
        return run.length() >= MIN ? List.of(run.toString()) : null;
    }

    /** Whether a quantifier follows at {@code at}. */
    private static boolean quantified(String re, int at, int to) {
        return at < to && "?*+{".indexOf(re.charAt(at)) >= 0;
    }

    /** Whether the group opened at {@code open} is a look-around or inline flags alone: it matches nothing of its own. */
    private static boolean zeroWidth(String re, int open, int to) {
        char c = re.charAt(open + 2);
        if (c == '=' || c == '!') {
            return true;
        }
        if (c == '<' && open + 3 < to && (re.charAt(open + 3) == '=' || re.charAt(open + 3) == '!')) {
            return true;
        }
        int i = open + 2;
        while (i < to && (Character.isLetter(re.charAt(i)) || re.charAt(i) == '-')) {
            i++;
        }
        return i > open + 2 && i < to && re.charAt(i) == ')';
    }
}
