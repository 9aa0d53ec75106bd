package dev.gatewaydoctor.outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatewaydoctor.memo.BoundedMemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one function that makes a text fit to keep: e-mail addresses, IP addresses, host names and
 * URLs (except names of software and public documentation listed in the KB's
 * {@value #FILE}), credentials, tokens, long hex or base64 strings and phone numbers are replaced by
 * a bracketed placeholder such as {@code [ip]}. Loopback addresses stay: they identify no one and
 * say where a proxy connects. Everything else, the wording of the error, stays as it was.
 * Immutable and thread-safe.
 */
public final class Redaction {

    /** The data file, in a KB folder, that lists the names to keep and the file extensions that are not hosts. */
    public static final String FILE = "redaction.yaml";

    private static final Pattern URL = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s\"'<>()\\[\\]{}]+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** "Authorization: Bearer abc...", "token abc...": the scheme stays, the credential goes. */
    private static final Pattern SCHEME_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic|token|digest)(\\s+)[A-Za-z0-9._~+/=-]{8,}");
    /** "api_key=...", "password: ...", "X-Auth-Token: ...": the name stays, the value goes. */
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)\\b([A-Za-z0-9_-]*(?:key|token|secret|passwd|password|pwd|auth|session|sig|signature|cookie|credential)s?)"
                    + "(\"?\\s*[:=]\\s*\"?)([^\\s\"'&,;]{4,})");
    private static final Pattern UUID = Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}(?![\\d]|\\.\\d)");
    /** Candidates only; {@link #isIpv6} decides. */
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]*(?![\\w:])");
    private static final Pattern HEX = Pattern.compile("(?<![\\w])(?:0x)?[0-9A-Fa-f]{16,}(?![\\w])");
    /** Candidates only; {@link #isToken} decides. Slashes are left out so that file paths survive. */
    private static final Pattern TOKEN = Pattern.compile("(?<![\\w.+-])[A-Za-z0-9+_-]{24,}={0,2}(?![\\w.-])");
    /** Candidates only; {@link #isPhone} decides. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\w+.:/#-])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{2,4}(?:[ .-]\\d{2,5}){1,4}(?![\\w.:/-])");
    private static final Pattern HOST = Pattern.compile(
            "(?<![\\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24})(?![\\w-]|\\.[A-Za-z0-9])");

    private final Set<String> keep;
    private final Set<String> fileExtensions;

    private Redaction(Set<String> keep, Set<String> fileExtensions) {
        this.keep = Set.copyOf(keep);
        this.fileExtensions = Set.copyOf(fileExtensions);
    }

    /** With these names kept and these endings taken for file names (both compared in lower case). */
    public static Redaction of(Set<String> keep, Set<String> fileExtensions) {
        return new Redaction(lower(keep), lower(fileExtensions));
    }

    /** Keeps nothing: every host name is replaced. */
    public static Redaction strict() {
        return new Redaction(Set.of(), Set.of());
    }

    /**
     * The lists of every {@value #FILE} in these KB folders, merged. A folder without one adds
     * nothing, so a KB that lists no names has every host name redacted.
     *
     * @throws UncheckedIOException when a file exists but cannot be read or parsed
     */
    public static Redaction load(List<Path> kbFolders) {
        Set<String> keep = new HashSet<>();
        Set<String> extensions = new HashSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path folder : kbFolders) {
            Path file = folder.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                JsonNode root = yaml.readTree(file.toFile());
                if (root != null) {
                    root.path("keep").forEach(n -> keep.add(n.asText()));
                    root.path("file_extensions").forEach(n -> extensions.add(n.asText()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
        return of(keep, extensions);
    }

    /** The text with everything that could identify a person, a site or a credential replaced. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return recent.get(text, this::scrub);
    }

    /**
     * Texts redacted last: eleven patterns over a pasted page cost the store's one writer more than
     * the matcher's cache costs a request, and the same page arrives again and again (the matcher
     * answers it from its cache). Bounded and in memory only.
     */
    private final BoundedMemo<String> recent = new BoundedMemo<>(1024, 4096);

    private String scrub(String text) {
        String t = text;
        t = replace(URL, t, m -> keepUrl(m.group()) ? m.group() : "[url]");
        t = replace(EMAIL, t, m -> "[email]");
        t = replace(SCHEME_CREDENTIAL, t, m -> m.group(1) + m.group(2) + "[token]");
        t = replace(NAMED_SECRET, t, m -> m.group(1) + m.group(2) + "[token]");
        t = replace(UUID, t, m -> "[token]");
        t = replace(IPV4, t, m -> m.group().startsWith("127.") || m.group().equals("0.0.0.0") ? m.group() : "[ip]");
        t = replace(IPV6, t, m -> !isIpv6(m.group()) || m.group().equals("::1") || m.group().equals("::") ? m.group() : "[ip]");
        t = replace(HEX, t, m -> "[hex]");
        t = replace(TOKEN, t, m -> isToken(m.group()) ? "[token]" : m.group());
        t = replace(PHONE, t, m -> isPhone(m.group()) ? "[phone]" : m.group());
        t = replace(HOST, t, m -> keepHost(m.group(), m.group(1)) ? m.group() : "[host]");
        return t;
    }

    /**
     * A fingerprint of a redacted text for finding repeats: SHA-256 over its lower-cased words. It
     * is taken of the redacted text, never of the original, so it cannot confirm a guess of what
     * was redacted.
     */
    public static String fingerprint(String redacted) {
        String norm = redacted == null ? "" : redacted.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(norm.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String replace(Pattern p, String text, Function<MatchResult, String> with) {
        Matcher m = p.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(with.apply(r)));
    }

    private boolean keepUrl(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/:?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String host = url.substring(start, end).toLowerCase(Locale.ROOT);
        // "fastcgi://unix:/run/php/php8.2-fpm.sock": a socket path names no one.
        return host.isEmpty() || host.equals("unix") || host.startsWith("127.") || keep.contains(host);
    }

    private boolean keepHost(String host, String last) {
        String h = host.toLowerCase(Locale.ROOT);
        return keep.contains(h) || fileExtensions.contains(last.toLowerCase(Locale.ROOT));
    }

    static boolean isIpv6(String s) {
        String core = s;
        int dot = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            // An IPv4 tail ("::ffff:192.0.2.1") counts as two groups; the IPv4 pass has replaced a real one already.
            String tail = s.substring(dot + 1);
            if (!tail.equals("[ip]") && !IPV4.matcher(tail).matches()) {
                return false;
            }
            core = s.substring(0, dot + 1) + "0:0";
        }
        int doubles = core.indexOf("::");
        if (doubles >= 0 && core.indexOf("::", doubles + 1) >= 0) {
            return false;
        }
        String[] groups = core.replace("::", ":x:").split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.equals("x") || g.isEmpty()) {
                continue;
            }
            if (g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            count++;
        }
        // Without "::" all eight groups are needed, which a clock time ("10:21:07") never has.
        return doubles >= 0 ? count <= 7 : count == 8;
    }

    /** Random-looking: letters and at least two digits, few separators (identifiers like "x86_64" have few letters of each). */
    static boolean isToken(String s) {
        long digits = s.chars().filter(Character::isDigit).count();
        long letters = s.chars().filter(Character::isLetter).count();
        long separators = s.chars().filter(c -> c == '_' || c == '-').count();
        return digits >= 2 && letters >= 1 && separators <= 3;
    }

    /** Nine to fifteen digits, written as a number is dialled: a "+", an area code in brackets, or two separators. */
    static boolean isPhone(String s) {
        long digits = s.chars().filter(Character::isDigit).count();
        if (digits < 9 || digits > 15) {
            return false;
        }
        if (s.matches("\\d{4}[-./]\\d{2}[-./]\\d{2}.*")) {
            return false; // a date
        }
        long separators = s.chars().filter(c -> c == ' ' || c == '-' || c == '.').count();
        return s.startsWith("+") || s.contains("(") || separators >= 2;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.strip().toLowerCase(Locale.ROOT)));
        return out;
    }
}
