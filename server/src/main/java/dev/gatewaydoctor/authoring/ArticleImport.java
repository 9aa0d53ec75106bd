package dev.gatewaydoctor.authoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a help-centre article (HTML) into a draft entry that validates: the title, a summary from
 * the first paragraphs, one node per heading (a section with sub-headings becomes a question
 * whose options are its sub-sections, the article's first node asks which section fits),
 * ordered lists as fix steps, and the error wordings the article quotes as variants. What it
 * cannot place is kept in the draft as an HTML comment for the author, so nothing is lost.
 *
 * <p>Everything here is about the shape of articles, not about any error: the same import works
 * for a help centre on any subject.
 */
public final class ArticleImport {

    /** A draft entry: its id and the Markdown file's text. */
    public record Draft(String id, String markdown, List<String> variants, int nodes, int unplaced) {}

    /** Where the article's main text usually is; the first found wins, else the body. */
    private static final List<String> MAIN = List.of("article", "main", "[role=main]", ".article-body", ".article",
            "#content", ".content", "body");
    /** Page furniture that is never part of the article. */
    private static final String FURNITURE = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, "
            + "button, [aria-hidden=true], .breadcrumbs, .breadcrumb, .sidebar, .related, .comments, .feedback";

    /** Text in double quotes of some length: "the message the page shows". */
    private static final Pattern QUOTED = Pattern.compile("[\"“”„]([^\"“”„\\n]{6,160})[\"“”„]");
    /** A line that starts with a three-digit status code and words, as protocol replies and pages do. */
    private static final Pattern STATUS_LINE = Pattern.compile("^\\s*[1-5]\\d\\d[ -](?=.*\\p{L}{3}).{4,160}$", Pattern.MULTILINE);
    /** A line shaped like a log line: a date or time stamp, or a bracketed level near its start. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^.{0,40}(\\d{4}[/-]\\d{2}[/-]\\d{2}|\\d{2}:\\d{2}:\\d{2}|\\[(?:error|warn|warning|crit|alert|notice|emerg|fatal)\\]).{8,}$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final int MAX_VARIANTS = 20;
    /** Paragraphs (and quoted messages) before the first heading that make the summary. */
    private static final int SUMMARY_BLOCKS = 3;

    private ArticleImport() {}

    public static Draft from(String html, String id) {
        Document doc = Jsoup.parse(html);
        doc.select(FURNITURE).remove();
        Element main = null;
        for (String selector : MAIN) {
            main = doc.selectFirst(selector);
            if (main != null) {
                break;
            }
        }
        String title = firstText(main.selectFirst("h1"));
        if (title.isEmpty()) {
            title = doc.title().strip();
        }
        if (title.isEmpty()) {
            title = "Imported article";
        }
        Element h1 = main.selectFirst("h1");
        if (h1 != null) {
            h1.remove();
        }
        String entryId = id != null ? id : slug(title);
        return new Builder(entryId, title).build(main);
    }

    private static String firstText(Element e) {
        return e == null ? "" : e.text().strip();
    }

    /** Lowercase letters, digits and dashes, as ids and anchors must be. */
    static String slug(String s) {
        String slug = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-[^-]*$", "");
        }
        return slug.isEmpty() ? "imported" : slug;
    }

    /** One section of the article under a heading. */
    private static final class Section {
        final String title;
        final int level;
        String anchor;
        final List<String> blocks = new ArrayList<>();
        final List<Section> children = new ArrayList<>();
        boolean steps;

        Section(String title, int level) {
            this.title = title;
            this.level = level;
        }
    }

    private static final class Builder {
        final String id;
        final String title;
        final List<String> summary = new ArrayList<>();
        final List<String> unplaced = new ArrayList<>();
        final Set<String> variants = new LinkedHashSet<>();
        final Set<String> anchors = new LinkedHashSet<>();
        final List<Section> top = new ArrayList<>();

        Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        Draft build(Element main) {
            Section current = null;
            Section parent = null;
            for (Element block : blocks(main)) {
                String tag = block.tagName();
                if (tag.matches("h[2-6]")) {
                    int level = tag.charAt(1) - '0';
                    Section s = new Section(block.text().strip(), level);
                    if (s.title.isEmpty()) {
                        continue;
                    }
                    if (parent != null && level > parent.level) {
                        parent.children.add(s);
                    } else {
                        top.add(s);
                        parent = s;
                    }
                    current = s;
                    continue;
                }
                findWordings(block);
                String md = markdown(block);
                if (md == null) {
                    unplaced.add(block.outerHtml());
                    continue;
                }
                if (md.isBlank()) {
                    continue;
                }
                if (current == null) {
                    if (summary.size() < SUMMARY_BLOCKS && (tag.equals("p") || tag.equals("blockquote"))) {
                        summary.add(md);
                    } else {
                        // text before the first heading beyond the summary: an introduction node,
                        // at a level no heading goes below, so later sections stay its siblings
                        current = new Section("Before you start", 7);
                        top.add(current);
                        parent = current;
                        current.blocks.add(md);
                    }
                } else {
                    current.blocks.add(md);
                    current.steps |= tag.equals("ol");
                }
            }
            variants.add(title);
            List<Section> all = new ArrayList<>();
            for (Section s : top) {
                all.add(s);
                all.addAll(s.children);
            }
            for (Section s : all) {
                s.anchor = unique(slug(s.title));
            }
            return new Draft(id, render(all), List.copyOf(variants), all.size() + 1, unplaced.size());
        }

        /** The block elements of the article in document order, descending into plain containers. */
        List<Element> blocks(Element root) {
            List<Element> out = new ArrayList<>();
            for (Element child : root.children()) {
                String tag = child.tagName();
                if (tag.equals("div") || tag.equals("section") || tag.equals("article") || tag.equals("main")
                        || tag.equals("span") && !child.children().isEmpty()) {
                    if (child.ownText().isBlank()) {
                        out.addAll(blocks(child));
                        continue;
                    }
                }
                out.add(child);
            }
            return out;
        }

        void findWordings(Element block) {
            if (variants.size() >= MAX_VARIANTS) {
                return;
            }
            for (Element code : block.select("pre, code, kbd, samp, blockquote")) {
                for (String line : code.wholeText().split("\\R")) {
                    String l = line.strip();
                    if (l.length() >= 6 && l.length() <= 300 && (LOG_LINE.matcher(l).matches() || STATUS_LINE.matcher(l).matches()
                            || code.tagName().equals("blockquote") || code.tagName().equals("samp"))) {
                        add(l);
                    }
                }
            }
            if (block.tagName().equals("pre")) {
                return;
            }
            // quotes inside commands are arguments, not messages
            Element prose = block.clone();
            prose.select("pre, code, kbd, samp").remove();
            String text = prose.text();
            Matcher q = QUOTED.matcher(text);
            while (q.find()) {
                add(q.group(1).strip());
            }
            Matcher st = STATUS_LINE.matcher(text);
            if (text.length() <= 140 && st.find()) {
                add(st.group().strip());
            }
        }

        void add(String wording) {
            if (variants.size() < MAX_VARIANTS && !wording.isBlank()) {
                variants.add(wording.replaceAll("\\s+", " "));
            }
        }

        String unique(String anchor) {
            String a = anchor;
            for (int i = 2; !anchors.add(a); i++) {
                a = anchor + "-" + i;
            }
            return a;
        }

        String render(List<Section> all) {
            StringBuilder out = new StringBuilder();
            out.append("---\n");
            out.append("id: ").append(id).append('\n');
            out.append("title: ").append(yaml(title)).append('\n');
            out.append("variants:\n");
            for (String v : variants) {
                out.append("  - ").append(yaml(v)).append('\n');
            }
            out.append("audience: [site-owner]\n");
            out.append("tags: []\n");
            out.append("---\n\n");
            out.append("# ").append(title).append("\n\n");
            out.append(summary.isEmpty() ? "TODO: say in plain words what the problem is." : String.join("\n\n", summary))
                    .append("\n\n");
            // The root asks which section fits; sections with sub-sections ask which of those.
            out.append("## <a id=\"").append(unique("start")).append("\"></a>Which of these fits your case?\n\n");
            if (all.isEmpty()) {
                out.append("TODO: this article had no headings; its text follows as one fix.\n\n");
                out.append("- [Follow the article's steps](#steps)\n\n");
                out.append("## <a id=\"steps\"></a>").append(title).append("\n\n")
                        .append(unplaced.isEmpty() ? "TODO" : "See the notes below.").append("\n\n");
            } else {
                out.append("The article covers these cases.\n\n");
                for (Section s : top) {
                    out.append("- [").append(label(s.title)).append("](#").append(s.anchor).append(")\n");
                }
                out.append('\n');
                for (Section s : top) {
                    section(out, s);
                    for (Section c : s.children) {
                        section(out, c);
                    }
                }
            }
            out.append("<!-- Imported draft: check the variants (the wordings users see and paste), write evidence\n"
                    + "     patterns, and turn the first node's options into real questions. -->\n\n");
            for (String html : unplaced) {
                out.append("<!-- import: not placed, kept for the author:\n")
                        .append(html.replace("--", "- -")).append("\n-->\n\n");
            }
            return out.toString().strip() + "\n";
        }

        void section(StringBuilder out, Section s) {
            out.append("## <a id=\"").append(s.anchor).append("\"></a>").append(s.title).append("\n\n");
            String text = String.join("\n\n", s.blocks).strip();
            out.append(text.isEmpty() ? "TODO: this section had no text." : text).append("\n\n");
            if (!s.children.isEmpty()) {
                for (Section c : s.children) {
                    out.append("- [").append(label(c.title)).append("](#").append(c.anchor).append(")\n");
                }
                out.append('\n');
            }
        }

        /** Markdown of one block, or null when it has no Markdown form here (kept as a comment). */
        String markdown(Element block) {
            switch (block.tagName()) {
                case "p":
                    return inline(block);
                case "pre":
                    return "```\n" + block.wholeText().strip() + "\n```";
                case "ol": {
                    StringBuilder sb = new StringBuilder();
                    int n = 1;
                    for (Element li : block.select("> li")) {
                        sb.append(n++).append(". ").append(inline(li)).append('\n');
                    }
                    return sb.toString().strip();
                }
                case "ul": {
                    StringBuilder sb = new StringBuilder();
                    for (Element li : block.select("> li")) {
                        // a bullet that starts with a link would read as an option of the node
                        String item = inline(li);
                        sb.append("- ").append(item.startsWith("[") ? "See " + item : item).append('\n');
                    }
                    return sb.toString().strip();
                }
                case "blockquote":
                    return "> " + inline(block).replace("\n", "\n> ");
                case "dl": {
                    StringBuilder sb = new StringBuilder();
                    for (Element e : block.children()) {
                        sb.append(e.tagName().equals("dt") ? "**" + inline(e) + "**\n" : inline(e) + "\n\n");
                    }
                    return sb.toString().strip();
                }
                case "hr":
                case "br":
                    return "";
                default:
                    return null;
            }
        }

        /** The inline text of an element with code and absolute links kept. */
        String inline(Element e) {
            StringBuilder sb = new StringBuilder();
            for (Node n : e.childNodes()) {
                if (n instanceof TextNode t) {
                    sb.append(escape(t.text()));
                } else if (n instanceof Element el) {
                    switch (el.tagName()) {
                        case "code", "kbd", "samp" -> sb.append('`').append(el.text().replace("`", "'")).append('`');
                        case "a" -> {
                            String href = el.attr("abs:href").isEmpty() ? el.attr("href") : el.attr("abs:href");
                            if (href.startsWith("http://") || href.startsWith("https://")) {
                                sb.append('[').append(escape(el.text())).append("](").append(href).append(')');
                            } else {
                                sb.append(escape(el.text()));
                            }
                        }
                        case "strong", "b" -> sb.append("**").append(inline(el)).append("**");
                        case "em", "i" -> sb.append('*').append(inline(el)).append('*');
                        case "br" -> sb.append("  \n");
                        case "img" -> sb.append(escape(el.attr("alt")));
                        default -> sb.append(inline(el));
                    }
                }
            }
            return sb.toString().strip();
        }

        static String escape(String s) {
            // keep the draft's Markdown literal: no stray emphasis, headings or raw HTML
            return s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;");
        }

        static String label(String s) {
            return s.replace("[", "(").replace("]", ")");
        }
    }

    /** A YAML double-quoted scalar. */
    static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

}
