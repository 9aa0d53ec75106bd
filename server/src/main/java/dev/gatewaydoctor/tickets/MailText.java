package dev.gatewaydoctor.tickets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The new text of an email: what the sender wrote this time, without the quoted history of the
 * thread, the signature or a legal disclaimer, so that only their own words are matched.
 *
 * <p>These are the conventions of email clients (Gmail, Outlook, Apple Mail, Thunderbird and
 * plain-text mailers), not knowledge of any error. Thread-safe: every method is a pure function.
 *
 * @param text the cleaned text, paragraphs separated by a blank line
 * @param removed what was taken out, in the order found: {@code quoted history}, {@code signature},
 *     {@code disclaimer}
 */
public record MailText(String text, List<String> removed) {

    public static final String QUOTED = "quoted history";
    public static final String SIGNATURE = "signature";
    public static final String DISCLAIMER = "disclaimer";

    public MailText {
        removed = List.copyOf(removed);
    }

    /** Containers mail clients put the replied-to message in. */
    private static final String HTML_QUOTES = String.join(", ",
            "blockquote", "div.gmail_quote", "div.gmail_quote_container", ".gmail_attr", "div.moz-cite-prefix",
            "div.yahoo_quoted", ".protonmail_quote", "#mail-editor-reference-message-container");
    /** Markers after which Outlook (web and desktop) puts the replied-to message as siblings. */
    private static final String HTML_REPLY_HEADERS = "#divRplyFwdMsg, #appendonsend";
    private static final String HTML_SIGNATURES = String.join(", ",
            ".gmail_signature", "[data-smartmail=gmail_signature]", ".moz-signature", "#Signature", "#signature",
            ".protonmail_signature_block", "div.signature");
    /** Blocks after which a blank line separates paragraphs, as a reader sees them. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
            "pre", "blockquote", "hr");

    /** "On Mon, 23 Nov 2026 at 10:02, Jane &lt;jane@example.com&gt; wrote:" and its translations. */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?iu)^\\s*(on\\b.{0,300}\\bwrote|am\\b.{0,300}\\bschrieb|le\\b.{0,300}\\ba écrit|el\\b.{0,300}\\bescribió"
                    + "|il\\b.{0,300}\\bha scritto|op\\b.{0,300}\\bschreef|den\\b.{0,300}\\bskrev)\\b[^:]{0,80}:\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile(
            "(?i)^\\s*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\\s*-{2,}\\s*$");
    private static final Pattern FORWARDED = Pattern.compile(
            "(?i)^\\s*(-{2,}\\s*forwarded message\\s*-{2,}|begin forwarded message:|-{2,}\\s*weitergeleitete nachricht\\s*-{2,})\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\s*\\*?(from|von|de)\\s*:\\*?\\s*\\S.*$");
    private static final Pattern HEADER_SENT = Pattern.compile("(?i)^\\s*\\*?(sent|date|gesendet|datum|envoyé)\\s*:\\*?\\s*\\S.*$");
    private static final Pattern HEADER_ANY = Pattern.compile(
            "(?i)^\\s*\\*?(from|sent|date|to|cc|subject|reply-to|von|gesendet|datum|an|betreff|de|envoyé|à|objet)\\s*:\\*?.*$");
    private static final Pattern SEPARATOR = Pattern.compile("^\\s*[_-]{8,}\\s*$");
    private static final Pattern QUOTE_LINE = Pattern.compile("^\\s*>.*$");
    private static final Pattern SIG_DELIMITER = Pattern.compile("^-- ?$");
    private static final Pattern MOBILE = Pattern.compile(
            "(?i)^\\s*(sent from my \\S.{0,40}|sent from (mail|outlook|yahoo mail|gmail) for \\S.{0,30}|get outlook for \\S.{0,30}"
                    + "|sent from mobile|sent via \\S.{0,40}|von meinem \\S.{0,30} gesendet|envoyé de mon \\S.{0,30})\\s*$");
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(?iu)^\\s*(thanks|thank you|thanks again|many thanks|thanks in advance|thx|cheers|best|best regards|kind regards"
                    + "|warm regards|regards|sincerely|yours sincerely|yours truly|all the best|greetings|br|mfg|viele grüße"
                    + "|beste grüße|cordialement|saludos)\\s*([,.!-]+\\s*[\\p{L} .'-]{0,40})?\\s*$");
    private static final Pattern DISCLAIMER_TEXT = Pattern.compile(
            "(?i)(confidentiality notice|^\\s*disclaimer\\s*:|this (e-?mail|message|communication)( and any [^.]{0,60}?)?"
                    + " (is|are|may be|contains?) (strictly )?(confidential|privileged|intended)"
                    + "|intended (solely |only |exclusively )?for the (sole )?(use of the )?(individual|addressee|named recipient|recipient)"
                    + "|if you (have )?received this (e-?mail|message|communication|transmission) (in error|by mistake)"
                    + "|please consider the environment before printing)");
    private static final int SIGNATURE_LINES = 6;
    private static final int SIGNATURE_LINE_LENGTH = 80;

    /** Cleans a body: the HTML one when there is one (it has the structure), else the plain one. */
    public static MailText of(String plain, String html) {
        List<String> removed = new ArrayList<>();
        String text = html != null && !html.isBlank() ? fromHtml(html, removed) : plain == null ? "" : plain;
        return new MailText(stripText(text, removed), new ArrayList<>(new LinkedHashSet<>(removed)));
    }

    /** Reply and forward prefixes, as mail clients in several languages stack them up. */
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("(?i)^(\\s*(re|fw|fwd|aw|wg|sv|vs|tr|antw)\\s*(\\[\\d+\\])?\\s*:\\s*)+");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*(re|aw|sv|vs|antw)\\s*(\\[\\d+\\])?\\s*:");

    /** A subject without the reply and forward prefixes. */
    public static String subject(String subject) {
        return subject == null ? "" : SUBJECT_PREFIX.matcher(subject).replaceFirst("").strip();
    }

    /** Whether a subject is a reply's ("Re: ..."): it then names the thread, not the new text. */
    public static boolean isReply(String subject) {
        return subject != null && REPLY_PREFIX.matcher(subject).find();
    }

    /** The visible text of an HTML mail, quoted history and signature blocks removed. */
    static String fromHtml(String html, List<String> removed) {
        Document doc = Jsoup.parse(html);
        doc.select("head, script, style, noscript, template, img").remove();
        Element body = doc.body();
        if (!body.select(HTML_QUOTES).isEmpty()) {
            body.select(HTML_QUOTES).remove();
            removed.add(QUOTED);
        }
        for (Element marker : body.select(HTML_REPLY_HEADERS)) {
            if (marker.parent() == null) {
                continue; // already removed with an earlier marker
            }
            Element previous = marker.previousElementSibling();
            if (previous != null && previous.nameIs("hr")) {
                previous.remove();
            }
            List<Element> after = new ArrayList<>(marker.nextElementSiblings());
            after.forEach(Element::remove);
            marker.remove();
            removed.add(QUOTED);
        }
        if (!body.select(HTML_SIGNATURES).isEmpty()) {
            body.select(HTML_SIGNATURES).remove();
            removed.add(SIGNATURE);
        }
        for (Element a : body.select("a[href]")) {
            String href = a.attr("href").strip();
            String label = a.text().strip();
            boolean web = href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8);
            if (web && !label.isEmpty() && !sameAddress(label, href)) {
                a.replaceWith(new TextNode(label + " (" + href + ")"));
            } else if (web && label.isEmpty()) {
                a.replaceWith(new TextNode(href));
            }
        }
        return visibleText(body);
    }

    private static boolean sameAddress(String label, String href) {
        String a = label.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
        String b = href.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
        return a.equalsIgnoreCase(b);
    }

    /** Text as a reader sees it: a line per block, a blank line after paragraphs, pre kept as is. */
    static String visibleText(Element root) {
        StringBuilder out = new StringBuilder();
        root.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e) {
                    if (e.nameIs("br")) {
                        out.append('\n');
                    } else if (e.nameIs("pre")) {
                        newlines(out, 2);
                        out.append(e.wholeText());
                        newlines(out, 2);
                        return FilterResult.SKIP_CHILDREN;
                    } else if (e.isBlock()) {
                        newlines(out, 1);
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock() && !e.nameIs("pre")) {
                    newlines(out, PARAGRAPHS.contains(e.normalName()) ? 2 : 1);
                }
                return FilterResult.CONTINUE;
            }
        });
        return out.toString().replace('\u00A0', ' ');
    }

    /** Ends the text with at least {@code n} line breaks (none at the very start). */
    private static void newlines(StringBuilder out, int n) {
        if (out.length() == 0) {
            return;
        }
        int have = 0;
        for (int i = out.length() - 1; i >= 0 && have < n; i--) {
            char c = out.charAt(i);
            if (c == '\n') {
                have++;
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        out.append("\n".repeat(n - have));
    }

    /** The plain-text conventions: history markers, quoted lines, signatures, disclaimers. */
    static String stripText(String text, List<String> removed) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
        lines.replaceAll(l -> l.replace('\u00A0', ' ').stripTrailing());
        cutHistory(lines, removed);
        if (lines.removeIf(l -> QUOTE_LINE.matcher(l).matches())) {
            removed.add(QUOTED);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (SIG_DELIMITER.matcher(lines.get(i)).matches()) {
                lines.subList(i, lines.size()).clear();
                removed.add(SIGNATURE);
                break;
            }
        }
        if (lines.removeIf(l -> MOBILE.matcher(l).matches())) {
            removed.add(SIGNATURE);
        }
        removeDisclaimers(lines, removed);
        cutSignOff(lines, removed);
        return String.join("\n", lines).replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** Drops everything from the first mark of a replied-to message on; keeps forwarded text. */
    private static void cutHistory(List<String> lines, List<String> removed) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FORWARDED.matcher(line).matches()) {
                // A forward is what the sender wants read: drop the marker and its header block only.
                int end = i + 1;
                while (end < lines.size() && (HEADER_ANY.matcher(lines.get(end)).matches() || lines.get(end).isBlank())
                        && end - i < 12) {
                    end++;
                }
                lines.subList(i, end).clear();
                i--;
                continue;
            }
            boolean attribution = ATTRIBUTION.matcher(line).matches()
                    || (i + 1 < lines.size() && line.stripLeading().regionMatches(true, 0, "On ", 0, 3)
                            && ATTRIBUTION.matcher(line + " " + lines.get(i + 1).strip()).matches());
            if (attribution || ORIGINAL.matcher(line).matches() || outlookHeader(lines, i)) {
                int from = i;
                int before = previousNonBlank(lines, i);
                if (before >= 0 && SEPARATOR.matcher(lines.get(before)).matches()) {
                    from = before;
                }
                lines.subList(from, lines.size()).clear();
                removed.add(QUOTED);
                return;
            }
        }
    }

    /** "From: ..." followed within a few lines by "Sent: ..." or "Date: ...": Outlook's reply header. */
    private static boolean outlookHeader(List<String> lines, int i) {
        if (!HEADER_FROM.matcher(lines.get(i)).matches()) {
            return false;
        }
        for (int j = i + 1; j < Math.min(lines.size(), i + 6); j++) {
            if (HEADER_SENT.matcher(lines.get(j)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static int previousNonBlank(List<String> lines, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                return j;
            }
        }
        return -1;
    }

    private static void removeDisclaimers(List<String> lines, List<String> removed) {
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || lines.get(i).isBlank()) {
                if (i > start && DISCLAIMER_TEXT.matcher(String.join(" ", lines.subList(start, i))).find()) {
                    lines.subList(start, i).clear();
                    removed.add(DISCLAIMER);
                    i = start;
                }
                start = i + 1;
            }
        }
    }

    /** A sign-off followed only by a few short lines (name, role, phone) ends the message. */
    private static void cutSignOff(List<String> lines, List<String> removed) {
        for (int i = lines.size() - 1; i > 0; i--) {
            String line = lines.get(i);
            if (line.length() > SIGNATURE_LINE_LENGTH) {
                return;
            }
            if (SIGN_OFF.matcher(line).matches()) {
                lines.subList(i, lines.size()).clear();
                removed.add(SIGNATURE);
                return;
            }
            long after = lines.subList(i, lines.size()).stream().filter(l -> !l.isBlank()).count();
            if (after >= SIGNATURE_LINES) {
                return;
            }
        }
    }
}
