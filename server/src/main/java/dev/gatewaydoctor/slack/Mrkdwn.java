package dev.gatewaydoctor.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (as KB nodes are written) to Slack's mrkdwn, walking commonmark's syntax tree:
 * {@code **bold**} becomes {@code *bold*}, {@code _em_} stays, links become {@code <url|text>},
 * code spans and fenced blocks keep their backticks, lists get bullets or numbers. Raw HTML is
 * dropped (Slack would show it as text) and {@code & < >} are escaped as Slack requires, so a
 * node's text can never inject a mention or a link of its own. Thread-safe.
 */
public final class Mrkdwn {

    private static final Parser PARSER = Parser.builder().build();
    private static final String FENCE = "```";
    private static final String INDENT = "    ";

    private Mrkdwn() {}

    /** The mrkdwn for a Markdown text. */
    public static String fromMarkdown(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return blocks(PARSER.parse(markdown), "\n\n").strip();
    }

    /** Escapes the three characters Slack gives meaning to in any text. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A preformatted block that shows {@code text} verbatim (escaped, its own fences defused). */
    public static String codeBlock(String text) {
        // A fence inside the text would end the block early; U+02CB looks like a backtick and does not.
        String body = escape(text.strip()).replace(FENCE, "\u02CB\u02CB\u02CB");
        return FENCE + "\n" + body + "\n" + FENCE;
    }

    private static String blocks(Node parent, String separator) {
        List<String> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            String b = block(n);
            if (!b.isBlank()) {
                out.add(b);
            }
        }
        return String.join(separator, out);
    }

    private static String block(Node n) {
        if (n instanceof Heading) {
            // Slack has no headings: a bold line is the closest.
            return "*" + inlines(n).strip() + "*";
        }
        if (n instanceof FencedCodeBlock f) {
            return codeBlock(f.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof BlockQuote) {
            return prefixLines(blocks(n, "\n"), "> ", "> ");
        }
        if (n instanceof ListBlock l) {
            return list(l);
        }
        if (n instanceof ThematicBreak) {
            return "\u2014\u2014\u2014";
        }
        if (n instanceof HtmlBlock || n instanceof LinkReferenceDefinition) {
            return "";
        }
        // Paragraphs, and any block kind this walker does not know: its inline content.
        return inlines(n);
    }

    private static String list(ListBlock list) {
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        List<String> items = new ArrayList<>();
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            String marker = list instanceof BulletList ? "\u2022 " : (number++) + ". ";
            // One line per block even in loose lists: Slack messages read better compact.
            items.add(prefixLines(blocks(item, "\n"), marker, INDENT));
        }
        return String.join("\n", items);
    }

    private static String prefixLines(String text, String first, String rest) {
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            if (i == 0 || !lines[i].isEmpty()) {
                sb.append(i == 0 ? first : rest).append(lines[i]);
            }
        }
        return sb.toString();
    }

    private static String inlines(Node parent) {
        StringBuilder sb = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            inline(n, sb);
        }
        return sb.toString();
    }

    private static void inline(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(escape(t.getLiteral()));
        } else if (n instanceof Code c) {
            sb.append('`').append(escape(c.getLiteral())).append('`');
        } else if (n instanceof StrongEmphasis) {
            sb.append('*').append(inlines(n)).append('*');
        } else if (n instanceof Emphasis) {
            sb.append('_').append(inlines(n)).append('_');
        } else if (n instanceof Link l) {
            link(l.getDestination(), inlines(n), sb);
        } else if (n instanceof Image i) {
            link(i.getDestination(), inlines(n), sb);
        } else if (n instanceof SoftLineBreak) {
            // Authors wrap long lines; Markdown joins them, and so does Slack's reader here.
            sb.append(' ');
        } else if (n instanceof HardLineBreak) {
            sb.append('\n');
        } else if (n instanceof HtmlInline) {
            return;
        } else {
            sb.append(inlines(n));
        }
    }

    /**
     * Absolute web and mail links become Slack links; links between KB nodes and entries
     * ({@code #anchor}, {@code other.md}) mean nothing in Slack, so only their text is kept.
     */
    private static void link(String destination, String label, StringBuilder sb) {
        String d = destination == null ? "" : destination.strip();
        String lower = d.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:"))) {
            sb.append(label);
            return;
        }
        // '|' and '>' would end the URL part of <url|text> early.
        String url = d.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C");
        sb.append('<').append(url);
        if (!label.isBlank() && !label.equals(escape(d))) {
            sb.append('|').append(label);
        }
        sb.append('>');
    }
}
