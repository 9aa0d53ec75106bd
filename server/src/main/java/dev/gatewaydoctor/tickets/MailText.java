package dev.gatewaydoctor.tickets;

import dev.gatewaydoctor.tickets.MailConventions.HeaderField;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * The new text of an email: what the sender wrote this time, without the quoted history of the
 * thread, the signature, a list footer or a legal disclaimer, so that only their own words are
 * matched, and without losing any of them.
 *
 * <p>Every line is first classified (text, empty, quoted, attribution or header, history marker,
 * signature...), attributions and header blocks spanning several lines as one unit; decisions are
 * then taken over that sequence: an attribution followed by quoted lines goes with them and the text
 * after it stays (bottom-posted and inline replies), one followed by unquoted text starts the history
 * (top-posting), a forward keeps its text. HTML is cut on the structure mail clients give it. When
 * cleaning would leave nothing, the original text is kept. The wordings are those of
 * {@link MailConventions}; every step is linear in the length of the body.
 *
 * <p>Thread-safe: every method is a pure function.
 *
 * @param text the cleaned text, paragraphs separated by a blank line
 * @param removed what was taken out, in the order found: {@code quoted history}, {@code forwarded
 *     headers}, {@code signature}, {@code mailing list footer}, {@code disclaimer}
 */
public record MailText(String text, List<String> removed) {

    public static final String QUOTED = "quoted history";
    public static final String HEADERS = "forwarded headers";
    public static final String SIGNATURE = "signature";
    public static final String LIST_FOOTER = "mailing list footer";
    public static final String DISCLAIMER = "disclaimer";

    public MailText {
        removed = List.copyOf(removed);
    }

    private static final MailConventions MAIL = MailConventions.BUNDLED;

    /** Containers mail clients put the replied-to message in (Apple Mail, Thunderbird, Yahoo, Proton, Gmail). */
    private static final Evaluator QUOTE_CONTAINERS = QueryParser.parse(String.join(", ",
            "blockquote[type=cite]", "blockquote.gmail_quote", "div.gmail_quote", "div.gmail_quote_container",
            ".gmail_attr", "div.moz-cite-prefix", "div.yahoo_quoted", ".yahoo_quoted", "#yahoo_quoted",
            ".protonmail_quote", "#mail-editor-reference-message-container", "blockquote[data-mce-style]"));
    /** Markers after which Outlook (web and desktop) puts the replied-to message as siblings. */
    private static final Evaluator GMAIL_ATTRIBUTION = QueryParser.parse(".gmail_attr");
    private static final Evaluator REPLY_HEADERS = QueryParser.parse("#divRplyFwdMsg, #appendonsend");
    private static final Evaluator SIGNATURES = QueryParser.parse(String.join(", ",
            ".gmail_signature", "[data-smartmail=gmail_signature]", ".moz-signature", "#Signature", "#signature",
            ".protonmail_signature_block", "div.signature"));
    /** Elements whose content no reader sees. */
    private static final Set<String> HIDDEN = Set.of("head", "script", "style", "noscript", "template", "img");
    /**
     * Elements nested deeper become siblings at this depth (they stay inside the same quote
     * container): Jsoup's tree builder searches the open elements on every start tag, so an unbounded
     * depth makes a body of nested blockquotes quadratic. Real threads nest a few levels per message.
     */
    private static final int HTML_DEPTH = 64;
    /** Blocks after which a blank line separates paragraphs, as a reader sees them. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
            "pre", "blockquote", "hr");
    /** Starts a line rendered from a quote container: the text step sees it as quoted. */
    private static final String QUOTE_PREFIX = "> ";
    /**
     * Starts a line rendered from the last plain {@code <blockquote>}: quoted history only when an
     * attribution introduces it, else the sender's own quotation (a private-use character, stripped from
     * any input).
     */
    private static final char CITED = '\uE000';

    /** Attributions and header lines are short: longer lines are not tested against them. */
    private static final int MARKER_LINE_LENGTH = 400;
    /** An attribution wraps over at most this many lines. */
    private static final int ATTRIBUTION_LINES = 3;
    private static final int MOBILE_LINE_LENGTH = 160;
    /** Footers of lists and trackers run to a few lines; the last this many lines are searched for one. */
    private static final int FOOTER_LINES = 10;
    /** Legal notices are a paragraph of a few hundred words; a longer paragraph is the sender's. */
    private static final int DISCLAIMER_LENGTH = 4000;
    /** A header label ("From", "Envoyé le", "Vastaanottaja") ends by then. */
    private static final int HEADER_LABEL_LENGTH = 40;
    private static final Pattern RULE = Pattern.compile("^\\s*(?:[_-]{8,}|[=*]{8,})\\s*$");
    private static final Pattern SHORT_RULE = Pattern.compile("^\\s*[-_=—–]{2,}\\s*$");
    /** "-roman", "---/Roman", "— Jane", or a lone dash line, ending a message. */
    private static final Pattern DASH_NAME = Pattern.compile("^\\s*[-—–]{1,3}\\s*/?\\s*(\\p{L}[\\p{L}.' ]{0,30})?$");
    /** A name on its own: one to four capitalised words. */
    private static final Pattern NAME = Pattern.compile("^\\s*\\p{Lu}[\\p{L}'.-]*(\\s+\\p{Lu}[\\p{L}'.-]*){0,3}\\s*$");
    /** Only emoji and symbols. */
    private static final Pattern EMOJI = Pattern.compile("^[\\s\\p{So}\\p{Sk}\\p{Cs}\\x{FE0F}\\x{200D}]+$");
    private static final int SIGNATURE_LINES = 6;
    private static final int SIGNATURE_LINE_LENGTH = 80;

    /** Cleans a body: the HTML one when there is one (it has the structure), else the plain one. */
    public static MailText of(String plain, String html) {
        List<String> removed = new ArrayList<>();
        String text;
        String original;
        if (html != null && !html.isBlank()) {
            Html rendered = fromHtml(html, removed);
            text = rendered.marked();
            original = rendered.whole();
        } else {
            text = plain == null ? "" : plain.replace(String.valueOf(CITED), "");
            original = text;
        }
        List<String> lines = lines(text);
        String cleaned = stripText(lines, removed);
        if (cleaned.isEmpty()) {
            // Cutting everything would hide what the sender sent (a bare forward, a quote only): keep it
            // all. A plain body's lines are those already split (the cleaning does not change them).
            return new MailText(tidy(original == text ? lines : lines(original)), List.of());
        }
        return new MailText(cleaned, new ArrayList<>(new LinkedHashSet<>(removed)));
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

    // ---------------------------------------------------------------------------------------------
    // HTML

    /**
     * An HTML body as text.
     *
     * @param marked quote containers' lines prefixed as quoted, signatures and Outlook's history gone
     * @param whole everything visible, for when cleaning would leave nothing
     */
    record Html(String marked, String whole) {}

    /**
     * The visible text of an HTML mail, quote containers marked for the text step, signature blocks
     * and Outlook's history left out. The tree is walked a fixed number of times whatever its size:
     * one walk finds every element the cleaning acts on, one renders both texts.
     */
    static Html fromHtml(String html, List<String> removed) {
        Document doc = Jsoup.parse(html.replace(String.valueOf(CITED), ""), "", Parser.htmlParser().setMaxDepth(HTML_DEPTH));
        Element body = doc.body();
        Found found = find(body);
        found.hidden.forEach(Element::remove);
        found.links.forEach(MailText::keepLinkAsText);

        Set<Element> quotes = new LinkedHashSet<>();
        Set<Element> forwards = new LinkedHashSet<>();
        for (Element quote : found.quotes) {
            (forwarded(quote) ? forwards : quotes).add(quote);
        }
        if (!quotes.isEmpty()) {
            removed.add(QUOTED);
        }
        // Left out of the marked text, not removed: the whole text is rendered in the same walk.
        Set<Element> skipped = new HashSet<>();
        for (Element marker : found.replyHeaders) {
            if (within(marker, skipped)) {
                continue; // already left out with an earlier marker
            }
            Element previous = marker.previousElementSibling();
            if (previous != null && previous.nameIs("hr")) {
                skipped.add(previous);
            }
            skipped.addAll(marker.nextElementSiblings());
            skipped.add(marker);
            removed.add(QUOTED);
        }
        boolean signature = false;
        for (Element s : found.signatures) {
            if (!within(s, skipped)) {
                skipped.add(s);
                signature = true;
            }
        }
        if (signature) {
            removed.add(SIGNATURE);
        }
        // A plain blockquote may be the sender quoting an error; only the last one can be history,
        // and the text step decides by what comes before it.
        Render render = new Render(quotes, lastPlainBlockquote(body, quotes, forwards, skipped), skipped);
        body.filter(render);
        return new Html(render.marked.text(), render.whole.text());
    }

    /** The elements of a mail's body the cleaning acts on, in document order. */
    private record Found(List<Element> hidden, List<Element> links, List<Element> quotes, List<Element> replyHeaders,
            List<Element> signatures) {}

    /**
     * One walk over the tree. Every selector of quote containers, reply markers and signatures names
     * a class, an id or an attribute, so an element without attributes (most of a large body) is
     * passed over with one test.
     */
    private static Found find(Element body) {
        Found found = new Found(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        body.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element e) || e == body) {
                    return FilterResult.CONTINUE;
                }
                if (HIDDEN.contains(e.normalName())) {
                    found.hidden.add(e);
                    return FilterResult.SKIP_CHILDREN; // nothing inside is seen, nothing inside counts
                }
                if (e.attributesSize() == 0) {
                    return FilterResult.CONTINUE;
                }
                if (e.nameIs("a") && e.hasAttr("href")) {
                    found.links.add(e);
                }
                if (e.is(QUOTE_CONTAINERS)) {
                    found.quotes.add(e);
                }
                if (e.is(REPLY_HEADERS)) {
                    found.replyHeaders.add(e);
                }
                if (e.is(SIGNATURES)) {
                    found.signatures.add(e);
                }
                return FilterResult.CONTINUE;
            }
        });
        return found;
    }

    /** Whether an element or one of its ancestors is in {@code set}: bounded by the parse depth. */
    private static boolean within(Element e, Set<Element> set) {
        for (Element a = e; a != null; a = a.parent()) {
            if (set.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** The last blockquote outside any other blockquote or quote container and outside what is left out, in one walk. */
    private static Element lastPlainBlockquote(Element body, Set<Element> quotes, Set<Element> forwards, Set<Element> skipped) {
        Element[] last = {null};
        int[] inside = {0};
        int[] skipping = {0};
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    if (skipped.contains(e)) {
                        skipping[0]++;
                    }
                    if (skipping[0] == 0 && (e.nameIs("blockquote") || quotes.contains(e))) {
                        if (inside[0] == 0 && !quotes.contains(e) && !forwards.contains(e)) {
                            last[0] = e;
                        }
                        inside[0]++;
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (skipping[0] == 0 && (e.nameIs("blockquote") || quotes.contains(e))) {
                        inside[0]--;
                    }
                    if (skipped.contains(e)) {
                        skipping[0]--;
                    }
                }
            }
        });
        return last[0];
    }

    /** A Gmail or Apple Mail container that holds a forward, not history: its text is what the sender sends. */
    private static boolean forwarded(Element quote) {
        Element attr = quote.selectFirst(GMAIL_ATTRIBUTION);
        if (attr != null) {
            String first = visibleText(attr).strip().lines().findFirst().orElse("");
            return MAIL.forwarded().matcher(first).find();
        }
        int looked = 0;
        for (Node n = quote.previousSibling(); n != null && looked < 6; n = n.previousSibling(), looked++) {
            String t = n instanceof TextNode tn ? tn.text() : n instanceof Element e ? e.text() : "";
            if (!t.isBlank()) {
                return MAIL.forwarded().matcher(t.strip()).find();
            }
        }
        return false;
    }

    private static void keepLinkAsText(Element a) {
        String href = a.attr("href").strip();
        String label = a.text().strip();
        boolean web = href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8);
        if (web && !label.isEmpty() && !sameAddress(label, href)) {
            a.replaceWith(new TextNode(label + " (" + href + ")"));
        } else if (web && label.isEmpty()) {
            a.replaceWith(new TextNode(href));
        }
    }

    private static boolean sameAddress(String label, String href) {
        String a = label.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
        String b = href.replaceFirst("(?i)^https?://", "").replaceFirst("/$", "");
        return a.equalsIgnoreCase(b);
    }

    /** Text as a reader sees it: a line per block, a blank line after paragraphs, pre kept as is. */
    static String visibleText(Element root) {
        Render render = new Render(Set.of(), null, Set.of());
        root.filter(render);
        return render.whole.text();
    }

    /**
     * Renders in one walk the whole visible text and the marked one: lines inside {@code quotes}
     * start with "> " as a plain-text client would quote them, lines inside {@code cited} with the
     * {@link #CITED} mark, and what is inside {@code skipped} is left out.
     */
    private static final class Render implements NodeFilter {
        final Lines marked = new Lines();
        final Lines whole = new Lines();
        private final Set<Element> quotes;
        private final Element cited;
        private final Set<Element> skipped;
        private int skipping;

        Render(Set<Element> quotes, Element cited, Set<Element> skipped) {
            this.quotes = quotes;
            this.cited = cited;
            this.skipped = skipped;
        }

        private void each(Consumer<Lines> step) {
            step.accept(whole);
            if (skipping == 0) {
                step.accept(marked);
            }
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                String s = t.text();
                each(out -> out.append(s));
            } else if (node instanceof Element e) {
                if (skipped.contains(e)) {
                    skipping++;
                }
                if (skipping == 0) {
                    if (quotes.contains(e)) {
                        marked.quoted++;
                    } else if (e == cited) {
                        marked.cited++;
                    }
                }
                if (e.nameIs("br")) {
                    each(Lines::newline);
                } else if (e.nameIs("pre")) {
                    List<String> pre = e.wholeText().lines().toList();
                    each(out -> {
                        out.newlines(2);
                        for (String l : pre) {
                            out.append(l);
                            out.newline();
                        }
                        out.newlines(2);
                    });
                    if (skipping == 0 && quotes.contains(e)) {
                        marked.quoted--;
                    }
                    return FilterResult.SKIP_CHILDREN;
                } else if (e.isBlock()) {
                    each(out -> out.newlines(1));
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (e.isBlock() && !e.nameIs("pre")) {
                    int breaks = PARAGRAPHS.contains(e.normalName()) ? 2 : 1;
                    each(out -> out.newlines(breaks));
                }
                if (skipping == 0) {
                    if (quotes.contains(e) && !e.nameIs("pre")) {
                        marked.quoted--;
                    } else if (e == cited) {
                        marked.cited--;
                    }
                }
                if (skipped.contains(e)) {
                    skipping--;
                }
            }
            return FilterResult.CONTINUE;
        }
    }

    /** Text built line by line, each line inside a quote container starting with its mark. */
    private static final class Lines {
        final StringBuilder text = new StringBuilder();
        int quoted;
        int cited;

        void append(String s) {
            if (s.isEmpty()) {
                return;
            }
            if (atLineStart()) {
                if (s.isBlank()) {
                    return; // whitespace between blocks: no line of its own
                }
                if (quoted > 0) {
                    text.append(QUOTE_PREFIX);
                } else if (cited > 0) {
                    text.append(CITED);
                }
            }
            text.append(s);
        }

        String text() {
            return text.toString().replace('\u00A0', ' ');
        }

        boolean atLineStart() {
            return text.length() == 0 || text.charAt(text.length() - 1) == '\n';
        }

        void newline() {
            text.append('\n');
        }

        /** Ends the text with at least {@code n} line breaks (none at the very start). */
        void newlines(int n) {
            if (text.length() == 0) {
                return;
            }
            int have = 0;
            for (int i = text.length() - 1; i >= 0 && have < n; i--) {
                char c = text.charAt(i);
                if (c == '\n') {
                    have++;
                } else if (c != ' ' && c != '\t') {
                    break;
                }
            }
            for (int i = have; i < n; i++) {
                newline();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Plain text: classification

    /** What a line is, as far as finding the new text goes. */
    enum Kind {
        TEXT, EMPTY,
        /** "> ..." */
        QUOTED,
        /** A line of the last plain blockquote of an HTML mail. */
        CITED,
        /** "On ... wrote:" and its forms, one unit over up to three lines. */
        ATTRIBUTION,
        /** A line of a "From: / Sent: / To: / Subject:" block. */
        HEADER,
        /** "-----Original Message-----" */
        ORIGINAL,
        /** "---------- Forwarded message ---------" */
        FORWARD,
        /** A long rule of underscores or dashes: part of a history marker when one follows. */
        RULE,
        /** The "-- " delimiter. */
        SIGNATURE,
        /** "Sent from my phone" and its kin. */
        MOBILE,
        /** A mailing list's or tracker's footer. */
        FOOTER
    }

    private static final Set<Kind> MARKERS = EnumSet.of(Kind.ATTRIBUTION, Kind.HEADER, Kind.ORIGINAL);

    /** The lines of a text, line breaks unified, trailing spaces dropped. */
    /**
     * The lines of a text, line breaks unified, trailing spaces dropped, runs of blank lines folded
     * into two: no decision depends on more, and a body of blank lines costs nothing.
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int blanks = 0;
        int n = text.length();
        for (int start = 0; start <= n; ) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            boolean blank = true;
            for (int i = start; i < end && blank; i++) {
                char c = text.charAt(i);
                blank = c == ' ' || c == '\t' || c == '\u00A0';
            }
            if (!blank) {
                lines.add(text.substring(start, end).replace('\u00A0', ' ').stripTrailing());
                blanks = 0;
            } else if (++blanks <= 2) {
                lines.add("");
            }
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        return lines;
    }

    /** Classifies every line (reply text sharing a line with an attribution has had a line of its own made). */
    static Kind[] classify(List<String> lines) {
        int n = lines.size();
        Kind[] kinds = new Kind[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            String s = line.strip();
            if (s.isEmpty()) {
                kinds[i] = Kind.EMPTY;
            } else if (line.charAt(0) == CITED) {
                kinds[i] = Kind.CITED;
            } else if (s.charAt(0) == '>') {
                // ">>> https://example.org <<<" is a decoration, not a quote; a lone ">:" is the end of an
                // attribution whose address was wrapped ("... <jane@example.org" / ">:"), left for it to join.
                kinds[i] = s.charAt(s.length() - 1) == '<' || s.equals(">:") ? Kind.TEXT : Kind.QUOTED;
            } else if (line.equals("--")) { // "-- ", the delimiter, once lines() has dropped its trailing space
                kinds[i] = Kind.SIGNATURE;
            } else if (s.length() > MARKER_LINE_LENGTH) {
                kinds[i] = Kind.TEXT;
            } else if (startsWithAny(s, "-*") && MAIL.originalMessage().matcher(s).matches()) {
                kinds[i] = Kind.ORIGINAL;
            } else if ((s.charAt(0) == '-' || s.charAt(s.length() - 1) == ':') && MAIL.forwarded().matcher(s).lookingAt()) {
                // lookingAt, not find: the pattern is anchored, and a search would retry it at every position
                kinds[i] = Kind.FORWARD;
            } else if (startsWithAny(s, "_-=*") && RULE.matcher(s).matches()) {
                kinds[i] = Kind.RULE;
            } else if (s.length() <= MOBILE_LINE_LENGTH && ownParagraph(lines, i)
                    && MAIL.mobileSignature().matcher(withoutLinkTarget(s)).matches()) {
                kinds[i] = Kind.MOBILE;
            } else {
                kinds[i] = Kind.TEXT;
            }
        }
        markFooter(lines, kinds);
        markHeaderBlocks(lines, kinds);
        markAttributions(lines, kinds);
        return kinds;
    }

    /** A list footer is among the last lines of a body: only those are tested. */
    private static void markFooter(List<String> lines, Kind[] kinds) {
        int tested = 0;
        int footer = -1;
        for (int i = lines.size() - 1; i >= 0 && tested < FOOTER_LINES; i--) {
            if (kinds[i] == Kind.TEXT) {
                tested++;
                if (lines.get(i).length() <= MARKER_LINE_LENGTH && MAIL.listFooter().matcher(lines.get(i).strip()).find()) {
                    footer = i;
                }
            } else if (kinds[i] != Kind.EMPTY) {
                tested++;
            }
        }
        if (footer >= 0) {
            kinds[footer] = Kind.FOOTER;
        }
    }

    /** A phone's line stands apart: a blank line above it, or below it nothing, a blank, a quote or a rule. */
    private static boolean ownParagraph(List<String> lines, int i) {
        if (i == 0 || lines.get(i - 1).isBlank() || i + 1 == lines.size()) {
            return true;
        }
        String next = lines.get(i + 1).strip();
        return next.isEmpty() || startsWithAny(next, ">_-");
    }

    /**
     * A line without the link target a plain-text conversion appends to a linked name ("Outlook for
     * Android<https://...>"), so that the words alone are matched.
     */
    private static String withoutLinkTarget(String s) {
        if (s.charAt(s.length() - 1) != '>') {
            return s;
        }
        int open = s.lastIndexOf('<');
        return open > 0 && s.startsWith("http", open + 1) && s.indexOf(' ', open) < 0 ? s.substring(0, open).stripTrailing() : s;
    }

    /** Cheap gates in front of the patterns keep the common line at a few character tests. */
    private static boolean startsWithAny(String s, String chars) {
        return chars.indexOf(s.charAt(0)) >= 0;
    }

    /**
     * "Thanks, that did it.   On Mon, ... wrote:": the reply text and the attribution become two lines.
     * The lines are rebuilt into a new list rather than inserted into: inserting shifts every later line.
     */
    private static List<String> splitSharedAttributions(List<String> lines) {
        List<String> out = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = -1;
            if (line.length() <= MARKER_LINE_LENGTH && !line.isBlank()) {
                String s = line.strip();
                if (s.charAt(0) != '>' && hasDateOrAddress(s)
                        && (s.charAt(s.length() - 1) == ':' || endsWithVerb(s))) {
                    at = sharedAttributionStart(line);
                }
            }
            if (at > 0 && out == null) {
                out = new ArrayList<>(lines.subList(0, i));
            }
            if (at > 0) {
                out.add(line.substring(0, at).stripTrailing());
                out.add(line.substring(at));
            } else if (out != null) {
                out.add(line);
            }
        }
        return out == null ? lines : out;
    }

    /**
     * Where an attribution starts inside a line, after reply text: only after the end of a sentence
     * and one to three spaces, after three spaces, or where the dashes of a dashed one begin. Those
     * few positions are found by looking at the characters, and the pattern is tried at them alone.
     */
    private static int sharedAttributionStart(String line) {
        java.util.regex.Matcher m = null;
        java.util.regex.Matcher dashed = null;
        for (int p = 1; p < line.length(); p++) {
            if (line.charAt(p) == '-' && p + 1 < line.length() && line.charAt(p + 1) == '-' && line.charAt(p - 1) != '-'
                    && !Character.isWhitespace(line.charAt(p - 1))) {
                // "The site is down.--- On Tue, ... wrote:": Yahoo's dashed attribution glued to the text.
                if (dashed == null) {
                    dashed = (endsWithColon(line) ? MAIL.attributionWithStart() : MAIL.attributionWithStartVerbLast()).matcher(line);
                }
                dashed.region(p, line.length());
                if (dashed.lookingAt() && hasDateOrAddress(line.substring(p))) {
                    return p;
                }
                continue;
            }
            if (Character.isWhitespace(line.charAt(p)) || !Character.isWhitespace(line.charAt(p - 1))) {
                continue;
            }
            int run = 0;
            while (run < 3 && p - run - 1 >= 0 && Character.isWhitespace(line.charAt(p - run - 1))) {
                run++;
            }
            boolean afterSentence = run < 3 && p - run - 1 >= 0 && ".!?)".indexOf(line.charAt(p - run - 1)) >= 0;
            if (run < 3 && !afterSentence) {
                continue;
            }
            if (m == null) {
                m = MAIL.attributionStartInLine().matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(p, line.length());
            if (m.lookingAt()) {
                return hasDateOrAddress(line.substring(p)) ? p : -1;
            }
        }
        return -1;
    }

    /**
     * Runs of header lines ("From:", "Sent:", "To:"... in any language, a wrapped value or one blank
     * line between them allowed) holding a sender and at least one other field; the rest are text.
     */
    private static void markHeaderBlocks(List<String> lines, Kind[] kinds) {
        int n = lines.size();
        HeaderField[] fields = new HeaderField[n];
        for (int i = 0; i < n; i++) {
            if (kinds[i] == Kind.TEXT) {
                fields[i] = field(lines.get(i));
            }
        }
        int i = 0;
        while (i < n) {
            if (fields[i] == null) {
                i++;
                continue;
            }
            EnumSet<HeaderField> seen = EnumSet.noneOf(HeaderField.class);
            int end = i;
            int j = i;
            while (j < n) {
                if (fields[j] != null) {
                    seen.add(fields[j]);
                    end = j;
                    j++;
                } else if (j + 1 < n && fields[j + 1] != null && (kinds[j] == Kind.EMPTY || kinds[j] == Kind.TEXT)
                        && j - 1 >= i && fields[j - 1] != null) {
                    j++; // a wrapped value or a blank line between two fields
                } else {
                    break;
                }
            }
            boolean oneLine = end == i && MAIL.headerFromAndDate().matcher(lines.get(i)).find();
            if ((seen.contains(HeaderField.FROM) && seen.size() >= 2) || oneLine) {
                for (int k = i; k <= end; k++) {
                    if (kinds[k] == Kind.TEXT) {
                        kinds[k] = Kind.HEADER;
                    }
                }
            }
            i = end + 1;
        }
    }

    private static HeaderField field(String line) {
        int colon = line.indexOf(':');
        if (line.length() > MARKER_LINE_LENGTH || colon < 0 || colon > HEADER_LABEL_LENGTH) {
            return null;
        }
        // A label is a word or two ("Envoyé le", "Reply-To"): a digit or a comma before the colon
        // ("On Tue, 12 Mar 2024 at 14:22") rules the line out before the pattern of every label.
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c == ',' || Character.isDigit(c)) {
                return null;
            }
        }
        return MAIL.field(line);
    }

    /**
     * Attributions over one to three lines. When a longer join matches, the shorter one ending on the
     * same line is preferred, so a line of reply text above an attribution is never taken into it.
     */
    private static void markAttributions(List<String> lines, Kind[] kinds) {
        int n = lines.size();
        boolean[] dated = new boolean[n];
        boolean[] dashed = new boolean[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if ((kinds[i] == Kind.TEXT || kinds[i] == Kind.MOBILE) && line.length() <= MARKER_LINE_LENGTH) {
                dated[i] = hasDateOrAddress(line);
                dashed[i] = line.stripLeading().startsWith("-");
            }
        }
        // Whether a line ends like an attribution is asked only within reach of a dated or dashed line:
        // the one test that costs a pattern is not run on every line of a long body.
        boolean[] ending = new boolean[n];
        for (int i = 0, reach = -1; i < n; i++) {
            if (dated[i] || dashed[i]) {
                reach = i + ATTRIBUTION_LINES - 1;
            }
            if (i <= reach && (kinds[i] == Kind.TEXT || kinds[i] == Kind.MOBILE) && lines.get(i).length() <= MARKER_LINE_LENGTH) {
                ending[i] = endsLikeAttribution(lines.get(i).strip());
            }
        }
        // Each join is tested at most once: the test of a later start within a longer join is the one
        // that line's own turn would run again.
        byte[] known = new byte[n * ATTRIBUTION_LINES];
        for (int i = 0; i < n; i++) {
            // Every form but the dashed one holds a date or an address: a cheap test before any pattern.
            boolean any = false;
            for (int k = 1; k <= ATTRIBUTION_LINES && i + k <= n; k++) {
                any |= dated[i + k - 1];
                if ((!any && !dashed[i]) || !ending[i + k - 1] || !attribution(lines, kinds, i, k, known)) {
                    continue;
                }
                // A later line that opens an attribution itself ("On ...", a date) ends the reply text above it.
                boolean laterStart = false;
                for (int s = 1; s < k && !laterStart; s++) {
                    laterStart = opensAttribution(lines.get(i + s)) && attribution(lines, kinds, i + s, k - s, known);
                }
                if (!laterStart) {
                    for (int j = i; j < i + k; j++) {
                        kinds[j] = Kind.ATTRIBUTION;
                    }
                    i += k - 1;
                }
                break;
            }
        }
    }

    /** {@link #attribution(List, Kind[], int, int)}, remembered in {@code known} (0 not yet, 1 no, 2 yes). */
    private static boolean attribution(List<String> lines, Kind[] kinds, int from, int count, byte[] known) {
        int slot = from * ATTRIBUTION_LINES + count - 1;
        if (known[slot] == 0) {
            known[slot] = (byte) (attribution(lines, kinds, from, count) ? 2 : 1);
        }
        return known[slot] == 2;
    }

    private static boolean attribution(List<String> lines, Kind[] kinds, int from, int count) {
        int length = count - 1;
        for (int j = from; j < from + count; j++) {
            if (kinds[j] != Kind.TEXT && kinds[j] != Kind.MOBILE) {
                return false;
            }
            length += lines.get(j).length();
        }
        if (length > MARKER_LINE_LENGTH) {
            return false;
        }
        String last = lines.get(from + count - 1).strip();
        String s = count == 1 ? last : join(lines, from, count);
        if (last.isEmpty()) {
            return false;
        }
        boolean colon = endsWithColon(last);
        if (s.charAt(0) == '-' && MAIL.attributionDashed().matcher(s).matches()) {
            return true;
        }
        if (!hasDateOrAddress(s)) {
            return false;
        }
        boolean address = s.indexOf('@') >= 0;
        // The forms with a start word match from the start of the text: no separate test of the start first.
        return (colon ? MAIL.attributionWithStart() : MAIL.attributionWithStartVerbLast()).matcher(s).matches()
                || (address && (colon ? MAIL.attributionWithAddress() : MAIL.attributionWithAddressVerbLast()).matcher(s).matches())
                || (address && colon && MAIL.attributionVerbBeforeAddress().matcher(s).matches())
                || (address && colon && MAIL.datedAttribution().matcher(s).find());
    }

    /** Whether the last character but dashes and spaces is a colon. */
    private static boolean endsWithColon(String s) {
        int i = s.length() - 1;
        while (i >= 0 && (s.charAt(i) == '-' || Character.isWhitespace(s.charAt(i)))) {
            i--;
        }
        return i >= 0 && s.charAt(i) == ':';
    }

    /** Every form ends with a colon, with the verb, or with dashes: anything else is text, cheaply. */
    private static boolean endsLikeAttribution(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char end = s.charAt(s.length() - 1);
        return end == ':' || end == '-' || endsWithVerb(s);
    }

    /** "... Jane Doe wrote", a stripped line: the last character is tested before the pattern. */
    private static boolean endsWithVerb(String s) {
        return MAIL.mayEndWithVerb(s.charAt(s.length() - 1)) && MAIL.verbAtEnd().matcher(tail(s)).matches();
    }

    private static String join(List<String> lines, int from, int count) {
        StringBuilder joined = new StringBuilder();
        for (int j = from; j < from + count; j++) {
            if (j > from) {
                joined.append(' ');
            }
            joined.append(lines.get(j).strip());
        }
        return joined.toString();
    }

    /** The last few words of a line: where a verb ending an attribution must be. */
    private static String tail(String line) {
        int at = line.length();
        for (int spaces = 0; at > 0 && spaces < 3; ) {
            at--;
            if (line.charAt(at) == ' ') {
                spaces++;
            }
        }
        return line.substring(at);
    }

    /** "On Tue, ...", "Le 12 mars ...", "12.03.2024, ...": how an attribution begins, unlike a wrapped name or address. */
    private static boolean opensAttribution(String line) {
        String s = line.strip();
        if (MAIL.attributionStart().matcher(s).lookingAt()) {
            return true;
        }
        // A date opens with digits and a separator ("12.03.2024", "2024-03-12", "11:00"); an address
        // wrapped onto its own line ("4821-reply@support.example>") may open with digits too.
        int space = 0;
        while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
            space++;
        }
        if (s.lastIndexOf('@', space - 1) >= 0) {
            return false;
        }
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        return digits > 0 && (digits == s.length() || !Character.isLetter(s.charAt(digits)) && s.charAt(digits) != '@');
    }

    /** Mail clients always put a date or an address in an attribution; plain sentences seldom have either. */
    private static boolean hasDateOrAddress(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '@' || Character.isDigit(c)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Plain text: decisions

    /** The plain-text conventions: history, quoted lines, signatures, footers, disclaimers. */
    static String stripText(List<String> textLines, List<String> removed) {
        List<String> lines = splitSharedAttributions(textLines);
        Kind[] kinds = classify(lines);
        List<String> kept = decide(lines, kinds, removed);
        kept = removeDisclaimers(kept, removed);
        cutSignature(kept, removed);
        return tidy(kept);
    }

    /** Walks the classified lines once and keeps the sender's. */
    private static List<String> decide(List<String> lines, Kind[] kinds, List<String> removed) {
        int n = lines.size();
        List<String> kept = new ArrayList<>(n);
        boolean forward = false;
        boolean afterMarker = false; // the last thing decided was an attribution: cited lines below are history
        for (int i = 0; i < n; i++) {
            Kind kind = kinds[i];
            switch (kind) {
                case EMPTY -> kept.add("");
                case TEXT -> {
                    kept.add(lines.get(i));
                    afterMarker = false;
                }
                case QUOTED -> {
                    removed.add(QUOTED);
                    afterMarker = false;
                }
                case CITED -> {
                    if (afterMarker) {
                        removed.add(QUOTED);
                    } else {
                        kept.add(lines.get(i).substring(1));
                    }
                }
                case FORWARD -> {
                    forward = true;
                    removed.add(HEADERS);
                }
                case RULE -> {
                    int next = nextNonEmpty(kinds, i + 1);
                    if (next < 0 || !(MARKERS.contains(kinds[next]) || kinds[next] == Kind.FOOTER || kinds[next] == Kind.FORWARD)) {
                        kept.add(lines.get(i));
                    }
                }
                case ATTRIBUTION, HEADER, ORIGINAL -> {
                    int end = i;
                    while (end + 1 < n && (MARKERS.contains(kinds[end + 1])
                            || (kinds[end + 1] == Kind.EMPTY && end + 2 < n && kinds[end + 2] == Kind.HEADER))) {
                        end++;
                    }
                    int next = nextNonEmpty(kinds, end + 1);
                    if (forward) {
                        removed.add(HEADERS);
                        forward = false;
                    } else if (next >= 0 && (kinds[next] == Kind.QUOTED || kinds[next] == Kind.CITED)) {
                        removed.add(QUOTED); // bottom-posted or inline: the text after the quote stays
                        afterMarker = true;
                    } else {
                        removed.add(QUOTED); // top-posted: everything below is the old thread
                        dropTrailingRule(kept); // a "====" or "----" set above it as a separator
                        return kept;
                    }
                    i = end;
                }
                case SIGNATURE -> {
                    removed.add(SIGNATURE);
                    return kept;
                }
                case MOBILE -> {
                    // Phone clients put the history right under this line, often with no other mark.
                    removed.add(SIGNATURE);
                    if (nextNonEmpty(kinds, i + 1) >= 0) {
                        removed.add(QUOTED);
                    }
                    return kept;
                }
                case FOOTER -> {
                    dropTrailingRule(kept);
                    removed.add(LIST_FOOTER);
                    return kept;
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
        return kept;
    }

    private static int nextNonEmpty(Kind[] kinds, int from) {
        for (int j = from; j < kinds.length; j++) {
            if (kinds[j] != Kind.EMPTY) {
                return j;
            }
        }
        return -1;
    }

    /** The "---" or "____" a footer or signature hangs under. */
    private static void dropTrailingRule(List<String> kept) {
        int last = kept.size() - 1;
        while (last >= 0 && kept.get(last).isBlank()) {
            last--;
        }
        if (last >= 0 && (SHORT_RULE.matcher(kept.get(last)).matches() || RULE.matcher(kept.get(last)).matches())) {
            kept.subList(last, kept.size()).clear();
        }
    }

    private static int length(List<String> paragraph) {
        int length = 0;
        for (String line : paragraph) {
            length += line.length() + 1;
            if (length > DISCLAIMER_LENGTH) {
                break;
            }
        }
        return length;
    }

    /** Drops every paragraph that reads as a legal notice, in one pass. */
    private static List<String> removeDisclaimers(List<String> lines, List<String> removed) {
        List<String> out = new ArrayList<>(lines.size());
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || lines.get(i).isBlank()) {
                List<String> paragraph = lines.subList(start, i);
                if (!paragraph.isEmpty() && length(paragraph) <= DISCLAIMER_LENGTH
                        && MAIL.disclaimer().matcher(String.join(" ", paragraph)).find()) {
                    removed.add(DISCLAIMER);
                } else {
                    out.addAll(paragraph);
                }
                if (i < lines.size()) {
                    out.add("");
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * The end of a message: a sign-off ("Kind regards,"), a dash and a name ("-roman"), a lone dash
     * line, followed only by a few short lines (name, role, phone); else a last short paragraph that
     * is only a name, or a last line of emoji.
     */
    private static void cutSignature(List<String> lines, List<String> removed) {
        int nonBlankAfter = 0;
        int firstText = 0;
        while (firstText < lines.size() && lines.get(firstText).isBlank()) {
            firstText++;
        }
        for (int i = lines.size() - 1; i > firstText && nonBlankAfter < SIGNATURE_LINES; i--) {
            String line = lines.get(i);
            if (line.length() > SIGNATURE_LINE_LENGTH) {
                break;
            }
            if (MAIL.signOff().matcher(line).matches() || (DASH_NAME.matcher(line).matches() && !listItem(lines, i))) {
                lines.subList(i, lines.size()).clear();
                removed.add(SIGNATURE);
                return;
            }
            if (!line.isBlank()) {
                nonBlankAfter++;
            }
        }
        // A name alone under the text, after a blank line.
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        if (last <= firstText) {
            return;
        }
        int top = last;
        while (top - 1 > firstText && !lines.get(top - 1).isBlank() && last - top < 1) {
            top--;
        }
        boolean paragraph = top - 1 > firstText && lines.get(top - 1).isBlank();
        boolean names = true;
        for (int j = top; j <= last && names; j++) {
            names = NAME.matcher(lines.get(j)).matches();
        }
        if (paragraph && names) {
            lines.subList(top, lines.size()).clear();
            removed.add(SIGNATURE);
        } else if (EMOJI.matcher(lines.get(last)).matches()) {
            lines.subList(last, lines.size()).clear();
            removed.add(SIGNATURE);
        }
    }

    /** "- and another" next to "- how about bullets": an item of a list, not a dash and a name. */
    private static boolean listItem(List<String> lines, int i) {
        return bullet(i > 0 ? lines.get(i - 1) : "") || bullet(i + 1 < lines.size() ? lines.get(i + 1) : "");
    }

    private static boolean bullet(String line) {
        String s = line.strip();
        return s.length() > 1 && "-*•–—".indexOf(s.charAt(0)) >= 0 && Character.isWhitespace(s.charAt(1));
    }

    /** Lines joined, runs of blank lines folded into one, ends trimmed. */
    private static String tidy(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : lines) {
            String l = line.stripTrailing();
            if (l.isBlank()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append("\n\n");
            } else if (out.length() > 0) {
                out.append('\n');
            }
            out.append(l);
            blank = false;
        }
        return out.toString().strip();
    }
}
