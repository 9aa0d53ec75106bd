package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An entry's evidence with, per pattern, a literal that every match of the pattern must contain,
 * derived from the regex once at KB load. Since every pattern of an evidence must be found, one
 * absent literal settles that the evidence is not there without running a regex; when a literal
 * cannot be derived safely the pattern is always run. The result is the same as {@link
 * Evidence#find} on every text, only cheaper.
 */
final class CompiledEvidence {

    private final Evidence evidence;
    /** Case-folded required literals (see {@link #fold}); patterns without one have none here. */
    private final List<String> required;

    CompiledEvidence(Evidence evidence) {
        this.evidence = evidence;
        List<String> r = new ArrayList<>();
        for (Pattern p : evidence.patterns()) {
            requiredLiteral(p).ifPresent(l -> r.add(fold(l)));
        }
        this.required = List.copyOf(r);
    }

    Evidence evidence() {
        return evidence;
    }

    /** The evidence's first match in {@code text}; {@code folded} is {@link #fold} of it. */
    Optional<String> find(String text, String folded) {
        for (String literal : required) {
            if (!folded.contains(literal)) {
                return Optional.empty();
            }
        }
        return evidence.find(text);
    }

    /**
     * Text folded so that any two characters a case-insensitive (Unicode) regex takes as equal
     * become the same character: lower case of upper case, char by char (length kept).
     */
    static String fold(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
        }
        return new String(out);
    }

    /**
     * The longest run of plain characters that every match of {@code p} contains, or empty when
     * none can be told for sure: top-level alternation, groups, classes, escapes with a meaning and
     * quantified characters all end a run, and only printable ASCII is taken (case folding outside
     * it is not one-to-one).
     */
    private static final Pattern INLINE_COMMENTS = Pattern.compile("\\(\\?[a-zA-Z-]*x");

    static Optional<String> requiredLiteral(Pattern p) {
        if ((p.flags() & (Pattern.COMMENTS | Pattern.LITERAL | Pattern.CANON_EQ)) != 0) {
            return Optional.empty();
        }
        String re = p.pattern();
        if (INLINE_COMMENTS.matcher(re).find()) {
            return Optional.empty(); // (?x): white space is not literal
        }
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (depth > 0) {
                // Inside a group: skipped whole (it may be optional or an alternation).
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = skipClass(re, i);
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                continue;
            }
            switch (c) {
                case '|' -> {
                    return Optional.empty(); // top-level alternation: nothing is required of every branch
                }
                case '(' -> {
                    end(runs, run);
                    depth = 1;
                }
                case '[' -> {
                    end(runs, run);
                    i = skipClass(re, i);
                }
                case '?', '*', '{' -> {
                    // The atom before is optional (or repeated a number of times we do not parse).
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    end(runs, run);
                    if (c == '{') {
                        int close = re.indexOf('}', i);
                        i = close < 0 ? re.length() : close;
                    }
                }
                case '+' -> end(runs, run); // at least once: the run so far stays, the next char may repeat
                case '.', '^', '$', ')' -> end(runs, run);
                case '\\' -> {
                    if (i + 1 >= re.length()) {
                        return Optional.empty();
                    }
                    char e = re.charAt(++i);
                    if (Character.isLetterOrDigit(e)) {
                        end(runs, run); // \d, \s, \b...: not a plain character
                        if (Character.isDigit(e) || "QxuckpPN".indexOf(e) >= 0) {
                            // Quoting, code points, properties, back-references: their arguments
                            // are not parsed here, so stop; what came before still holds.
                            return longest(runs);
                        }
                    } else {
                        append(runs, run, e);
                    }
                }
                default -> append(runs, run, c);
            }
        }
        if (depth != 0) {
            return Optional.empty();
        }
        end(runs, run);
        return longest(runs);
    }

    private static void append(List<String> runs, StringBuilder run, char c) {
        if (c < 0x20 || c > 0x7e) {
            end(runs, run);
        } else {
            run.append(c);
        }
    }

    private static void end(List<String> runs, StringBuilder run) {
        if (run.length() > 0) {
            runs.add(run.toString());
            run.setLength(0);
        }
    }

    private static Optional<String> longest(List<String> runs) {
        String best = "";
        for (String r : runs) {
            if (r.length() > best.length()) {
                best = r;
            }
        }
        // One or two characters rule out almost nothing and are not worth a scan.
        return best.length() >= 3 ? Optional.of(best) : Optional.empty();
    }

    /** The index of the {@code ]} closing the class opened at {@code open}. */
    private static int skipClass(String re, int open) {
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
