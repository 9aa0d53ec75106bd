package dev.gatewaydoctor.handoff;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A conservative redaction of pasted text before it leaves the server: e-mail addresses, IPv4 and
 * IPv6 addresses, and long hex or base64 runs (keys, tokens, session ids) become placeholders.
 *
 * <p>Stand-in: the outcome store brings the project's one redaction function; when it lands, App
 * passes that one to {@link HandoffController} instead and this class goes away. Thread-safe.
 */
public final class Redaction implements UnaryOperator<String> {

    private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern IPV4 = Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b");
    /** Full (eight groups) or compressed (with "::") forms, so times such as 12:30:45 are left alone. */
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)(?![\\w:])");
    /** Three dot-separated base64url parts: JSON Web Tokens. */
    private static final Pattern JWT = Pattern.compile("\\b[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\b");
    /** 32+ hex characters: hashes, API keys, session ids. */
    private static final Pattern HEX = Pattern.compile("(?i)\\b[0-9a-f]{32,}\\b");
    /** 24+ characters of base64 or base64url with at least one digit: bearer tokens, JWT parts. */
    private static final Pattern BASE64 = Pattern.compile("(?<![\\w+/=-])(?=[A-Za-z0-9+/_-]*\\d)[A-Za-z0-9+/_-]{24,}={0,2}(?![\\w+/=-])");

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = EMAIL.matcher(text).replaceAll("[e-mail]");
        // A bare "::" (as in code) carries no address.
        out = IPV6.matcher(out).replaceAll(m -> m.group().equals("::") ? "::" : "[ip]");
        out = JWT.matcher(out).replaceAll("[token]");
        out = IPV4.matcher(out).replaceAll("[ip]");
        out = HEX.matcher(out).replaceAll("[token]");
        return BASE64.matcher(out).replaceAll("[token]");
    }
}
