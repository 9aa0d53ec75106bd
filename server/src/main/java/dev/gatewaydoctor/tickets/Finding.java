package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gatewaydoctor.match.Match;

/**
 * Something recognised in a ticket: a knowledge-base evidence item, or a generic shape (a status
 * code, an address, a time, a log line, a server's product token) an agent would look for.
 *
 * @param kind what it is: one of the constants below
 * @param text the text found
 * @param line the line of the ticket's cleaned text it is on (1-based, 0 when not on one line)
 * @param entry for KB evidence, the entry it points to
 * @param label for KB evidence, what it is in the KB's words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String kind, String text, int line, String entry, String label) {

    /** A knowledge-base evidence item (declared in the entry's front matter). */
    public static final String KB = "kb";
    public static final String STATUS = "status_code";
    public static final String URL = "url";
    public static final String TIMESTAMP = "timestamp";
    public static final String LOG_LINE = "log_line";
    /** A {@code product/version} token or a {@code Server:} header, as HTTP writes them. */
    public static final String SERVER = "server";

    public static Finding generic(String kind, String text, int line) {
        return new Finding(kind, text, line, null, null);
    }

    public static Finding of(Match.Found found) {
        return new Finding(KB, found.found(), found.line(), found.entry(), found.label());
    }
}
