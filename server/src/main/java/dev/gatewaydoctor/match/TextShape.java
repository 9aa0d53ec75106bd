package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pasted text cut into its paragraphs and lines, each line classified by its shape alone — no
 * word of any product or error: a report is a few sentences around pasted machine output, and the
 * sentence that says what is wrong must not drown in a configuration file or a stack trace.
 *
 * @param paragraphs the text's paragraphs (runs of lines between blank lines), in order
 */
record TextShape(List<Paragraph> paragraphs) {

    /** What a line is, told by its shape. */
    enum Kind {
        /** A line a program wrote with a time stamp or a level in front (an error or access log). */
        LOG,
        /** Something a person set up: a directive ending in {@code ;}, a brace, a tag-like block, an indented key: value. */
        CONFIG,
        /** A frame of a stack trace. */
        STACK,
        /** A header line of a response or a request ({@code Name: value}), as {@code curl -I} shows them. */
        HEADER,
        /** Words people write. */
        PROSE,
        /** Anything else: a command, a number, a single word. */
        OTHER
    }

    /** One paragraph: its lines and each line's kind. */
    record Paragraph(List<String> lines, List<Kind> kinds) {
        String text() {
            return String.join("\n", lines);
        }

        /** Whether line {@code i} is set-up (configuration or a stack frame), not what happened. */
        boolean setup(int i) {
            return kinds.get(i) == Kind.CONFIG || kinds.get(i) == Kind.STACK;
        }

        /** The paragraph without its configuration and stack-frame lines. */
        String withoutSetup() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (!setup(i)) {
                    sb.append(lines.get(i)).append('\n');
                }
            }
            return sb.toString();
        }
    }

    /** A date or a time at the start, maybe in brackets, or a level word in brackets or with a colon. */
    static final Pattern LOG = Pattern.compile(
            "^\\s*(?:\\[?\\d{2,4}[-/.](?:\\d{1,2}|\\p{Alpha}{3})[-/.]\\d{1,4}[T ]?|\\[?\\d{1,2}:\\d{2}:\\d{2}"
                    + "|\\[?\\p{Alpha}{3},? \\p{Alpha}{3} +\\d{1,2} |\\p{Alpha}{3} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}"
                    + "|\\[?\\p{Upper}{4,8}\\]?[: ]|[\\w.-]+\\s+\\|\\s)");
    static final Pattern STACK = Pattern.compile(
            "^\\s*(?:at\\s+[\\w$.<>]+\\(.*\\)\\s*$|#\\d+\\s+\\S|File \".*\", line \\d+|\\.\\.\\. \\d+ more|Caused by: )");
    static final Pattern CONFIG = Pattern.compile(
            "^\\s*(?:[^\\s#].*[;{]\\s*(?:#.*)?$|[{}]\\s*$|</?\\p{Alpha}\\w*(?:\\s[^>]*)?>\\s*$|-\\s+[\\w.-]+:(?:\\s|$)"
                    + "|\\s+[\\w.-]+:\\s*\\S*\\s*$|[\\w.-]+\\s*=\\s*\\S+\\s*$|\\[[\\w. -]+\\]\\s*$)");
    static final Pattern HEADER = Pattern.compile("^[\\w-]{2,40}:\\s+\\S.*$|^\\s*HTTP/[\\d.]+\\s+\\d{3}");
    /** Three or more words of letters. */
    static final Pattern WORDS = Pattern.compile("(?:\\p{L}{2,}[,.!?']*\\s+){2,}\\p{L}{2,}");

    static Kind kind(String line) {
        if (mayBeFrame(line) && STACK.matcher(line).find()) {
            return Kind.STACK;
        }
        if (LOG.matcher(line).find()) {
            return Kind.LOG;
        }
        if ((line.indexOf(':') >= 0 || line.contains("HTTP/")) && HEADER.matcher(line).find() && !WORDS.matcher(line.substring(0, line.indexOf(':') < 0 ? 0 : line.indexOf(':'))).find()) {
            return Kind.HEADER;
        }
        if (CONFIG.matcher(line).find()) {
            return Kind.CONFIG;
        }
        return WORDS.matcher(line).find() ? Kind.PROSE : Kind.OTHER;
    }

    /** Whether the line's first character after white space can start a {@link #STACK} frame (most lines cannot). */
    private static boolean mayBeFrame(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i < line.length() && "a#F.C".indexOf(line.charAt(i)) >= 0;
    }

    static TextShape of(String text) {
        List<Paragraph> out = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            if (line.isBlank()) {
                if (!lines.isEmpty()) {
                    out.add(new Paragraph(List.copyOf(lines), List.copyOf(kinds)));
                    lines.clear();
                    kinds.clear();
                }
                continue;
            }
            lines.add(line);
            kinds.add(kind(line));
        }
        if (!lines.isEmpty()) {
            out.add(new Paragraph(List.copyOf(lines), List.copyOf(kinds)));
        }
        return new TextShape(List.copyOf(out));
    }

    /** The text without its configuration and stack-frame lines. */
    String withoutSetup() {
        StringBuilder sb = new StringBuilder();
        paragraphs.forEach(p -> sb.append(p.withoutSetup()).append('\n'));
        return sb.toString();
    }
}
