package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
        Pattern attributionStartInLine,
        Pattern attributionWithAddress,
        Pattern attributionVerbBeforeAddress,
        Pattern attributionDashed,
        Pattern verbAtEnd,
        Pattern datedAttribution,
        Map<HeaderField, Pattern> headerFields,
        Pattern headerFromAndDate,
        Pattern originalMessage,
        Pattern forwarded,
        Pattern mobileSignature,
        Pattern signOff,
        Pattern listFooter,
        Pattern disclaimer) {

    /** The fields of a reply or forward header block that matter for recognising one. */
    enum HeaderField { FROM, DATE, TO, CC, SUBJECT }

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
        String verbs = NOT_LETTER_BEFORE + "(?:" + alternatives(t.attributions(), Attribution::verb) + ")" + NOT_LETTER_AFTER;
        // After the verb: nothing but a colon, or a name and address ending with a colon.
        String ending = "(?:\\s*:?|\\s.{0,160}?:)[\\s-]*$";
        Map<HeaderField, Pattern> fields = Map.of(
                HeaderField.FROM, header(alternatives(t.headers(), Header::from)),
                HeaderField.DATE, header(alternatives(t.headers(), Header::date)),
                HeaderField.TO, header(alternatives(t.headers(), Header::to)),
                HeaderField.CC, header(alternatives(t.headers(), Header::cc)),
                HeaderField.SUBJECT, header(alternatives(t.headers(), Header::subject)));
        return new MailConventions(
                compile("[\\s>*-]*(?:" + starts + ")\\s"),
                compile("^[\\s>*-]*(?:" + starts + ")\\s.{0,300}?" + verbs + ending),
                compile("(?<=[.!?)]\\s{1,3}|\\s{3})(?:" + starts + ")\\s.{0,300}?" + verbs + ending),
                compile("^.{0,300}?\\S@\\S.{0,300}?" + verbs + ending),
                compile("^.{0,300}?" + verbs + "\\s.{0,160}?@.{0,100}:[\\s-]*$"),
                compile("^\\s*-{2,}.{1,200}?" + verbs + "\\s*:?\\s*-{2,}\\s*$"),
                compile(verbs + "[\\s-]*$"),
                compile(String.join("|", t.datedAttributions())),
                fields,
                compile("^[\\s>*]*(?:" + alternatives(t.headers(), Header::from) + ")\\s?:\\*?\\s.{1,300}?" + NOT_LETTER_BEFORE
                        + "\\*?(?:" + alternatives(t.headers(), Header::date) + ")\\s?:\\*?\\s"),
                compile("^[\\s>*]*-{2,}\\s*(?:" + String.join("|", t.originalMessage()) + ")\\s*-{2,}\\s*$"),
                compile("^[\\s>*]*(?:" + String.join("|", t.forwarded()) + ")"),
                compile("^\\s*(?:" + String.join("|", t.mobileSignatures()) + ")\\s*$"),
                compile("^\\s*(?:" + String.join("|", t.signOffs()) + ")\\s*([,.!-]+\\s*[\\p{L} .'-]{0,40})?[\\s\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}!.,]*$"),
                compile(String.join("|", t.listFooters())),
                compile(String.join("|", t.disclaimers())));
    }

    /** "From: ..." in any of the languages: the label, a colon, bold markers as Outlook's text has them. */
    private static Pattern header(String labels) {
        return compile("^[\\s>*]*(?:" + labels + ")\\s?:\\*?(?:\\s|$)");
    }

    private static <T> String alternatives(List<T> rows, Function<T, String> column) {
        return rows.stream().map(column).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining("|"));
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, FLAGS);
    }
}
