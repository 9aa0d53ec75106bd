package dev.gatewaydoctor.kb;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Turns a node's Markdown into HTML that is safe to insert into a page: whatever raw HTML an
 * entry contains, only the tags of {@link Safelist#relaxed()} survive, and links open safely.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();
    private static final Safelist SAFE = Safelist.relaxed()
            .addProtocols("a", "href", "#")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    private Markdown() {}

    /** Sanitized HTML for a Markdown text. Thread-safe. */
    public static String toSafeHtml(String markdown) {
        String html = RENDERER.render(PARSER.parse(markdown));
        return Jsoup.clean(html, SAFE).strip();
    }

    /** The visible text of a Markdown text, for indexing and plain-text channels. */
    public static String toPlainText(String markdown) {
        return Jsoup.parse(RENDERER.render(PARSER.parse(markdown))).text();
    }
}
