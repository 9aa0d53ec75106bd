package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How mail clients mark quoted history, forwards, signatures and footers, read from
 * {@code mail-conventions.yaml} next to this class: wordings in many languages are knowledge of
 * mail clients, kept in one table so that adding a language is one line. Immutable and thread-safe.
 */
record MailConventions(
        Pattern attributionStart,
        Pattern attributionWithStart,
        Pattern attributionWithStartVerbLast,
        Pattern attributionStartInLine,
        Pattern attributionWithAddress,
        Pattern attributionWithAddressVerbLast,
        Pattern attributionVerbBeforeAddress,
        Pattern attributionDashed,
        Pattern verbAtEnd,
        String verbEnds,
        Pattern datedAttribution,
        Pattern headerField,
        Pattern headerFromAndDate,
        Pattern originalMessage,
        Pattern forwarded,
        Pattern mobileSignature,
        Pattern signOff,
        Pattern listFooter,
        Pattern disclaimer) {

    /** The fields of a reply or forward header block that matter for recognising one. */
    enum HeaderField {
        FROM(Header::from), DATE(Header::date), TO(Header::to), CC(Header::cc), SUBJECT(Header::subject);

        final Function<Header, String> column;

        HeaderField(Function<Header, String> column) {
            this.column = column;
        }

        String group() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The field a header line starts with ("Von:", "Envoyé le :"), if any. */
    HeaderField field(String line) {
        Matcher m = headerField.matcher(line);
        if (m.lookingAt()) {
            for (HeaderField f : HeaderField.values()) {
                if (m.start(f.group()) >= 0) {
                    return f;
                }
            }
        }
        return null;
    }

    private static final String RESOURCE = "mail-conventions.yaml";
    /** Unicode-aware, case-insensitive: the table is in many scripts. */
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    /** A word boundary that also holds before and after "napisał(a)" and the like. */
    private static final String NOT_LETTER_BEFORE = "(?<![\\p{L}\\p{N}])";
    private static final String NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";

    /** The conventions bundled with the server, loaded once. */
    static final MailConventions BUNDLED = load();

    record Attribution(String lang, String start, String verb) {}

    record Header(String lang, String from, String date, String to, String cc, String subject) {}

    record Table(
            List<Attribution> attributions,
            @JsonProperty("dated_attributions") List<String> datedAttributions,
            List<Header> headers,
            @JsonProperty("original_message") List<String> originalMessage,
            List<String> forwarded,
            @JsonProperty("mobile_signatures") List<String> mobileSignatures,
            @JsonProperty("sign_offs") List<String> signOffs,
            @JsonProperty("list_footers") List<String> listFooters,
            List<String> disclaimers) {}

    private static MailConventions load() {
        try (InputStream in = MailConventions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            return of(yaml.readValue(in, Table.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static MailConventions of(Table t) {
        String starts = alternatives(t.attributions(), Attribution::start);
        String verbAlternatives = alternatives(t.attributions(), Attribution::verb);
        // The gate first: at most positions of a line one character test rejects every verb at once.
        String verbs = gate(verbAlternatives) + NOT_LETTER_BEFORE + "(?:" + verbAlternatives + ")" + NOT_LETTER_AFTER;
        // After the verb: nothing but a colon, or a name and address ending with a colon.
        String ending = "(?:\\s*:?|\\s.{0,160}?:)[\\s-]*$";
        // The same when the text does not end with a colon: only the verb can end it, and each verb
        // found on the way is not followed by a scan of the rest for a colon that is not there.
        String verbLast = "[\\s-]*$";
        // Up to the verb, greedily: only a name and an address follow the verb, so backing off from the
        // end finds it in a few steps where a lazy scan would try every position from the start.
        // Whether a text matches is the same either way.
        String toVerb = "\\s.{0,300}";
        // One pattern for every field, a group per field in HeaderField's order: one match per line, not five.
        StringBuilder fields = new StringBuilder("^[\\s>*]*(?:");
        for (HeaderField f : HeaderField.values()) {
            // Named, so that a group inside a label cannot shift which field matched.
            fields.append(f.ordinal() == 0 ? "" : "|").append("(?<").append(f.group()).append('>')
                    .append(alternatives(t.headers(), f.column)).append(')');
        }
        fields.append(")\\s?:\\*?(?:\\s|$)");
        return new MailConventions(
                compile("[\\s>*-]*(?:" + starts + ")\\s"),
                compile("^[\\s>*-]*(?:" + starts + ")" + toVerb + verbs + ending),
                compile("^[\\s>*-]*(?:" + starts + ")" + toVerb + verbs + verbLast),
                // Tried only where MailText finds the end of a sentence and spaces before it.
                compile("(?:" + starts + ")" + toVerb + verbs + ending),
                compile("^.{0,300}?\\S@\\S.{0,300}" + verbs + ending),
                compile("^.{0,300}?\\S@\\S.{0,300}" + verbs + verbLast),
                compile("^.{0,300}?" + verbs + "\\s.{0,160}?@.{0,100}:[\\s-]*$"),
                compile("^\\s*-{2,}.{1,200}?" + verbs + "\\s*:?\\s*-{2,}\\s*$"),
                // Matched whole: the greedy start backs off to a verb at the end in a few steps, where a
                // search would try the verbs at every position before it.
                compile("(?s:.*)" + verbs + "[\\s-]*$"),
                lastChars(verbAlternatives),
                compile(String.join("|", t.datedAttributions())),
                compile(fields.toString()),
                compile("^[\\s>*]*(?:" + alternatives(t.headers(), Header::from) + ")\\s?:\\*?\\s.{1,300}?" + NOT_LETTER_BEFORE
                        + "\\*?(?:" + alternatives(t.headers(), Header::date) + ")\\s?:\\*?\\s"),
                compile("^[\\s>*]*-{2,}\\s*(?:" + String.join("|", t.originalMessage()) + ")\\s*-{2,}\\s*$"),
                compile("^[\\s>*]*(?:" + String.join("|", t.forwarded()) + ")"),
                compile("^\\s*" + gate(String.join("|", t.mobileSignatures())) + "(?:" + String.join("|", t.mobileSignatures()) + ")\\s*$"),
                compile("^\\s*(?:" + String.join("|", t.signOffs()) + ")\\s*([,.!-]+\\s*[\\p{L} .'-]{0,40})?[\\s\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}!.,]*$"),
                compile(String.join("|", t.listFooters())),
                compile(String.join("|", t.disclaimers())));
    }

    /**
     * A lookahead that holds only where one of the alternatives can start: Java's engine tries every
     * alternative at every position of a line, and the wordings run to dozens, so without it an
     * unanchored search costs dozens of tests per character. Empty (no gate) when an alternative starts
     * with a construct {@link #firstChars} does not read.
     */
    static String gate(String alternation) {
        Set<String> first = new LinkedHashSet<>();
        // Case-sensitive, every case listed: a case-insensitive class tests each member in turn, a
        // case-sensitive one of Latin-1 letters is one bit lookup.
        if (!firstChars(alternation, first)) {
            return "";
        }
        // Beyond Latin-1 one range stands for all: each listed character would be one more test on
        // every position, and a gate may let through more than it must.
        boolean beyond = first.removeIf(c -> c.length() == 1 && c.charAt(0) > 0xFF);
        return "(?=(?-i:[" + String.join("", first) + (beyond ? "\\x{100}-\\x{FFFF}" : "") + "]))";
    }

    /**
     * The characters, lower-cased, the alternatives of a regular expression can end with, or null when
     * one ends with something this does not read (a quantifier, a class): lets a line whose last
     * character ends no wording skip the pattern.
     */
    static String lastChars(String alternation) {
        StringBuilder out = new StringBuilder();
        for (String alternative : alternatives(alternation)) {
            if (!lastChar(alternative, out)) {
                return null;
            }
        }
        return out.toString();
    }

    private static boolean lastChar(String regex, StringBuilder out) {
        int at = regex.length() - 1;
        if (at < 0) {
            return false;
        }
        char c = regex.charAt(at);
        int escapes = 0;
        while (at - escapes - 1 >= 0 && regex.charAt(at - escapes - 1) == '\\') {
            escapes++;
        }
        if (escapes % 2 == 1) {
            if (Character.isLetterOrDigit(c)) {
                return false; // \s, \d...: a class
            }
            out.append(c);
            return true;
        }
        if (c == ')') {
            int open = opening(regex, at);
            if (open < 0) {
                return false;
            }
            String group = regex.substring(open + 1, at);
            if (group.startsWith("?:")) {
                group = group.substring(2);
            } else if (group.startsWith("?")) {
                return false;
            }
            for (String alternative : alternatives(group)) {
                if (!lastChar(alternative, out)) {
                    return false;
                }
            }
            return true;
        }
        if (!Character.isLetterOrDigit(c) || Character.isSurrogate(c)) {
            return false;
        }
        out.append(Character.toLowerCase(c)).append(Character.toUpperCase(c));
        return true;
    }

    /** The index of the parenthesis opening the group that closes at {@code close}, or -1. */
    private static int opening(String regex, int close) {
        List<Integer> open = new ArrayList<>();
        boolean inClass = false;
        for (int i = 0; i < close; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                open.add(i);
            } else if (c == ')' && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
        return open.isEmpty() ? -1 : open.get(open.size() - 1);
    }

    /** Whether a line ending with {@code c} may end with an attribution's verb (false only when surely not). */
    boolean mayEndWithVerb(char c) {
        return verbEnds == null || verbEnds.indexOf(c) >= 0;
    }

    /**
     * Adds to {@code out} the class items (a character, or {@code \d}) every alternative of a regular
     * expression starts with; false when one starts with something else (a class, a wildcard, an
     * optional part), so that the caller falls back to no gate rather than a wrong one.
     */
    static boolean firstChars(String alternation, Set<String> out) {
        for (String alternative : alternatives(alternation)) {
            if (!firstChar(alternative, out)) {
                return false;
            }
        }
        return true;
    }

    private static boolean firstChar(String regex, Set<String> out) {
        if (regex.isEmpty()) {
            return false;
        }
        char c = regex.charAt(0);
        int next;
        if (c == '(') {
            next = closing(regex) + 1;
            if (next == 0 || optional(regex, next)) {
                return false;
            }
            String group = regex.substring(1, next - 1);
            if (group.startsWith("?:")) {
                group = group.substring(2);
            } else if (group.startsWith("?")) {
                return false; // a lookaround or flags
            }
            return firstChars(group, out);
        }
        if (c == '\\') {
            if (regex.length() < 2 || optional(regex, 2)) {
                return false;
            }
            char e = regex.charAt(1);
            if (e == 'd') {
                out.add("\\d");
                return true;
            }
            if (Character.isLetterOrDigit(e)) {
                return false; // \s, \p{...}, \w: a class
            }
            out.add("\\" + e);
            return true;
        }
        if ("[.^$|)?*+{".indexOf(c) >= 0 || Character.isSurrogate(c) || optional(regex, 1)) {
            return false;
        }
        if (Character.isLetter(c)) {
            out.add(String.valueOf(Character.toLowerCase(c)));
            out.add(String.valueOf(Character.toUpperCase(c)));
            out.add(String.valueOf(Character.toTitleCase(c)));
        } else {
            out.add(Character.isDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return true;
    }

    /** Whether the atom ending before {@code at} may be absent ({@code ?}, {@code *}, {@code {0,n}}). */
    private static boolean optional(String regex, int at) {
        if (at >= regex.length()) {
            return false;
        }
        char q = regex.charAt(at);
        return q == '?' || q == '*' || (q == '{' && at + 1 < regex.length() && regex.charAt(at + 1) == '0');
    }

    /** The index of the parenthesis closing the group {@code regex} opens with, or -1. */
    private static int closing(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level alternatives of a regular expression (outside groups and classes). */
    private static List<String> alternatives(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    private static <T> String alternatives(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("|"));
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, FLAGS);
    }
}
