package dev.gatewaydoctor.tickets;

import dev.gatewaydoctor.match.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Generic shapes an agent looks for first in a ticket: HTTP status codes, addresses, times, lines
 * that look like log lines, and server product tokens. Only shapes that standards or every logger
 * share (RFC 3339 and RFC 1123 dates, the Common Log Format, syslog severities, HTTP's
 * {@code product/version}); what a particular line means is the knowledge base's business.
 */
public final class Findings {

    private static final int MAX_PER_KIND = 10;
    private static final int MAX_LOG_LINES = 20;
    private static final int MAX_LINE = 500;

    private static final String MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
    private static final String ZONE = "(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2})";
    private static final Pattern TIMESTAMP = Pattern.compile(String.join("|",
            // RFC 3339 / ISO 8601
            "\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:\\s?" + ZONE + ")?",
            // year/month/day with a time, as many error logs write it
            "\\b\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}",
            // Common Log Format
            "\\b\\d{2}/" + MONTH + "/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}",
            // RFC 1123 (HTTP Date headers, mail)
            "\\b" + DAY + ", \\d{1,2} " + MONTH + " \\d{4} \\d{2}:\\d{2}(?::\\d{2})?(?: (?:GMT|UTC|[+-]\\d{4}))?",
            // ctime and syslog: "Mon Nov 23 10:02:11.123 2026", "Nov 23 10:02:11"
            "\\b(?:" + DAY + " )?" + MONTH + " +\\d{1,2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?: \\d{4})?",
            // a clock time with a zone written in words: "at 10:02 UTC"
            "\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\s?(?:[ap]\\.?m\\.?\\s)?(?:UTC|GMT|CET|CEST|EET|EEST|BST|EST|EDT|CST|CDT|MST|MDT|PST|PDT)\\b"));
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'()\\[\\]{}|\\\\^`]+");
    /** Syslog severities in brackets, or a level word followed by a colon or bracket. */
    private static final Pattern LEVEL = Pattern.compile(
            "\\[(?i:emerg|alert|crit|critical|error|err|warn|warning|notice|info|debug|fatal)\\]"
                    + "|\\b(?:ERROR|WARN|WARNING|FATAL|CRITICAL|SEVERE)\\b[:\\]]");
    /** Common Log Format: host ident user [time] "METHOD path HTTP/x" status. */
    private static final Pattern ACCESS_LOG = Pattern.compile(
            "^\\S+ \\S+ \\S+ \\[[^\\]]+\\] \"[A-Z]+ \\S+ HTTP/\\d(?:\\.\\d)?\" \\d{3}\\b.*");
    /** HTTP's product token: {@code name/1.2.3 (comment)}, not part of a path or address. */
    private static final Pattern PRODUCT = Pattern.compile(
            "(?<![/\\w.:-])([A-Za-z][A-Za-z0-9_-]{1,30})/(\\d+(?:\\.\\d+){1,3})\\b(?: \\([A-Za-z][^()]{0,40}\\))?");
    private static final Pattern SERVER_HEADER = Pattern.compile("(?im)^\\s*server:\\s*(\\S.{0,60}?)\\s*$");

    private Findings() {}

    /** Everything generic found in {@code text}, grouped by kind, each at most a few times. */
    public static List<Finding> extract(String text) {
        String[] lines = text.split("\n", -1);
        List<Finding> out = new ArrayList<>();
        statusCodes(lines, out);
        each(lines, URL, Finding.URL, out, s -> s.replaceFirst("[.,;:!?]+$", ""));
        each(lines, TIMESTAMP, Finding.TIMESTAMP, out, String::strip);
        servers(lines, out);
        logLines(lines, out);
        return out;
    }

    private static void statusCodes(String[] lines, List<Finding> out) {
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < lines.length && seen.size() < MAX_PER_KIND; i++) {
            for (int code : new TreeSet<>(Matcher.statusCodes(lines[i]))) {
                if (seen.add(code)) {
                    out.add(Finding.generic(Finding.STATUS, Integer.toString(code), i + 1));
                }
            }
        }
    }

    private static void each(String[] lines, Pattern pattern, String kind, List<Finding> out,
            java.util.function.UnaryOperator<String> tidy) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.length && seen.size() < MAX_PER_KIND; i++) {
            var m = pattern.matcher(lines[i]);
            while (m.find() && seen.size() < MAX_PER_KIND) {
                String found = tidy.apply(m.group());
                if (!found.isEmpty() && seen.add(found)) {
                    out.add(Finding.generic(kind, found, i + 1));
                }
            }
        }
    }

    private static void servers(String[] lines, List<Finding> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.length && seen.size() < MAX_PER_KIND; i++) {
            var header = SERVER_HEADER.matcher(lines[i]);
            if (header.matches() && seen.add(header.group(1))) {
                out.add(Finding.generic(Finding.SERVER, header.group(1), i + 1));
                continue;
            }
            var m = PRODUCT.matcher(lines[i]);
            while (m.find() && seen.size() < MAX_PER_KIND) {
                // HTTP/1.1 names the protocol, not a server.
                if (!m.group(1).equalsIgnoreCase("HTTP") && !m.group(1).equalsIgnoreCase("HTTPS") && seen.add(m.group())) {
                    out.add(Finding.generic(Finding.SERVER, m.group(), i + 1));
                }
            }
        }
    }

    private static void logLines(String[] lines, List<Finding> out) {
        int n = 0;
        for (int i = 0; i < lines.length && n < MAX_LOG_LINES; i++) {
            String line = lines[i].strip();
            if (line.length() < 12) {
                continue;
            }
            if (startsWithTimestamp(line) || LEVEL.matcher(line).find() || ACCESS_LOG.matcher(line).matches()) {
                out.add(Finding.generic(Finding.LOG_LINE, line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line, i + 1));
                n++;
            }
        }
    }

    /** A line that begins with a time (bracketed or not) and has more after it: a logger wrote it. */
    private static boolean startsWithTimestamp(String line) {
        String rest = line.startsWith("[") ? line.substring(1) : line;
        var m = TIMESTAMP.matcher(rest);
        return m.lookingAt() && rest.length() - m.end() > 8;
    }
}
