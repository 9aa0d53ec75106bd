package dev.gatewaydoctor.match;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * What a user pasted, made ready for matching: HTML (a page's source, an HTML ticket) becomes its
 * visible text with the title and one line per block, so line-based evidence still works.
 *
 * @param raw the text as received
 * @param visible the text a person would read: {@code raw} itself unless it was HTML
 * @param html whether {@code raw} was recognised as HTML
 */
public record PastedText(String raw, String visible, boolean html) {

    /** Two or more structural tags: a page or an HTML mail, not a sentence that mentions a tag. */
    private static final Pattern TAG = Pattern.compile(
            "<(?:!doctype|html|head|body|title|h[1-6]|center|div|p|br|table|tr|td|span|hr|pre|ul|li|a)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);

    public static PastedText of(String raw) {
        if (!looksLikeHtml(raw)) {
            return new PastedText(raw, raw, false);
        }
        return new PastedText(raw, visibleText(Jsoup.parse(raw)), true);
    }

    static boolean looksLikeHtml(String text) {
        var m = TAG.matcher(text);
        int tags = 0;
        while (m.find()) {
            if (++tags >= 2) {
                return true;
            }
        }
        return false;
    }

    /** The title, then the body's text with a line break after every block element. */
    public static String visibleText(Document doc) {
        StringBuilder out = new StringBuilder();
        String title = doc.title();
        if (!title.isBlank()) {
            out.append(title.strip()).append('\n');
        }
        Element body = doc.body();
        body.select("script, style, noscript, template").remove();
        body.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    newline(out);
                }
            }
        });
        return out.toString().replaceAll("[ \\t\\x0B\\f\\u00A0]+", " ").replaceAll(" ?\\n[ \\n]*", "\n").strip();
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** Both forms, so an evidence pattern may look at the markup (a footer tag) or at the text. */
    public String forEvidence() {
        return html ? visible + "\n" + raw : raw;
    }
}
