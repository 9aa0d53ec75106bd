package dev.gatewaydoctor.tickets;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Markdown;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import dev.gatewaydoctor.kb.Target;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Writes the first reply to a ticket's sender: a greeting, what the problem most likely is (the
 * entry's title and summary), the entry's decision tree as a checklist in tree order (each question
 * a check, with the fixes its answers lead to), and what to send back if it persists.
 *
 * <p>The reply is built as one Markdown tree, so the plain text and the HTML say the same and every
 * piece of text that came from a ticket (the sender's name) is escaped, never interpreted. Length is
 * bounded: at most {@link #MAX_CHECKS} checks per entry and {@link #MAX_NODE_CHARS} characters of
 * each node's text. Thread-safe.
 */
public final class ReplyWriter {

    /** A reply in the two forms ticket systems take. */
    public record Reply(String text, String html) {}

    static final int MAX_CHECKS = 8;
    static final int MAX_SECOND_CHECKS = 4;
    static final int MAX_NODE_CHARS = 1200;
    /** Characters of node text for the most likely problem's checklist, and for each further one. */
    static final int FIRST_BUDGET = 5000;
    static final int SECOND_BUDGET = 2000;
    private static final int MAX_NAME = 60;

    private static final Parser PARSER = Parser.builder().build();
    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder()
            .lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();

    private final String signOff;

    /** @param signOff who signs the replies, e.g. "The support team" */
    public ReplyWriter(String signOff) {
        if (signOff == null || signOff.isBlank()) {
            throw new IllegalArgumentException("the reply needs someone to sign it");
        }
        this.signOff = signOff.strip();
    }

    /**
     * A reply about {@code entries}: the first is the most likely problem and is written in full;
     * the others are further problems the ticket raised, each with a shorter checklist.
     */
    public Reply about(String from, List<Entry> entries, Kb kb) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a reply about a problem needs at least one entry");
        }
        Document doc = new Document();
        doc.appendChild(greeting(from));
        Entry first = entries.get(0);
        doc.appendChild(paragraph(text("Thank you for getting in touch. From what you describe, this is most likely: "),
                strong(first.title()), text(".")));
        appendEntry(doc, first, kb, MAX_CHECKS, new Budget(FIRST_BUDGET), "Please go through these checks, in this order:");
        for (Entry other : entries.subList(1, entries.size())) {
            doc.appendChild(paragraph(text("You also mentioned something else, which looks like: "), strong(other.title()),
                    text(".")));
            appendEntry(doc, other, kb, MAX_SECOND_CHECKS, new Budget(SECOND_BUDGET), "For that, please check:");
        }
        appendClosing(doc, "If the problem persists after these steps, please reply with:", true);
        return render(doc);
    }

    /** A holding reply for a ticket that goes to a person: acknowledges it and asks for what helps. */
    public Reply holding(String from) {
        Document doc = new Document();
        doc.appendChild(greeting(from));
        doc.appendChild(paragraph(text("Thank you for getting in touch. We have received your message, and a member of "
                + "our team will look into it and get back to you.")));
        appendClosing(doc, "To help us find the cause quickly, please reply with:", false);
        return render(doc);
    }

    /** What is left of the node text one entry's part of a reply may hold. */
    private static final class Budget {
        private int left;

        Budget(int chars) {
            this.left = chars;
        }
    }

    private void appendEntry(Document doc, Entry entry, Kb kb, int maxChecks, Budget budget, String lead) {
        appendBlocks(doc, entry.summary(), new Budget(MAX_NODE_CHARS));
        Node root = entry.flow().rootNode();
        if (root instanceof Node.Question) {
            doc.appendChild(paragraph(text(lead)));
            doc.appendChild(checklist(entry, kb, maxChecks, budget));
        } else {
            doc.appendChild(paragraph(text("Please try this: "), strong(root.title())));
            appendBlocks(doc, root.text(), budget);
        }
    }

    /** The questions in tree order (depth first, options in their order), each with its answers. */
    private static OrderedList checklist(Entry entry, Kb kb, int maxChecks, Budget budget) {
        List<Node.Question> questions = new ArrayList<>();
        walk(entry, entry.flow().root(), new HashSet<>(), questions, maxChecks);
        Map<String, Integer> number = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            number.put(questions.get(i).id(), i + 1);
        }
        OrderedList list = new OrderedList();
        list.setMarkerStartNumber(1);
        list.setMarkerDelimiter(".");
        list.setTight(false);
        Set<String> shownFixes = new HashSet<>();
        for (Node.Question q : questions) {
            ListItem item = new ListItem();
            item.appendChild(paragraph(strong("Check:"), text(" " + q.title())));
            appendBlocks(item, q.text(), budget);
            BulletList answers = new BulletList();
            answers.setMarker("-");
            answers.setTight(false);
            for (Option o : q.options()) {
                answers.appendChild(answer(entry, kb, o, number, shownFixes, budget));
            }
            if (answers.getFirstChild() != null) {
                item.appendChild(answers);
            }
            list.appendChild(item);
        }
        return list;
    }

    private static void walk(Entry entry, String id, Set<String> seen, List<Node.Question> out, int max) {
        if (out.size() >= max || !seen.add(id)) {
            return;
        }
        Node node = entry.flow().node(id).orElse(null);
        if (!(node instanceof Node.Question q)) {
            return;
        }
        out.add(q);
        for (Option o : q.options()) {
            if (o.target() instanceof Target.Step step) {
                walk(entry, step.node(), seen, out, max);
            }
        }
    }

    private static ListItem answer(Entry entry, Kb kb, Option o, Map<String, Integer> number, Set<String> shownFixes,
            Budget budget) {
        ListItem item = new ListItem();
        String when = "If " + decapitalise(o.label()) + ": ";
        if (o.target() instanceof Target.Jump jump) {
            String title = kb.entry(jump.entry()).map(Entry::title).orElse(jump.entry());
            item.appendChild(paragraph(text(when + "this points to a different problem: "), strong(title), text(".")));
            return item;
        }
        String id = ((Target.Step) o.target()).node();
        Node target = entry.flow().node(id).orElseThrow();
        if (target instanceof Node.Question) {
            Integer n = number.get(id);
            item.appendChild(paragraph(text(when + (n == null ? "the further checks are in our guide for this problem."
                    : "go on with check " + n + "."))));
        } else if (target instanceof Node.End) {
            item.appendChild(paragraph(text(when + withStop(target.title()))));
        } else if (!shownFixes.add(id)) {
            item.appendChild(paragraph(text(when), strong(target.title()), text(" (see above).")));
        } else {
            item.appendChild(paragraph(text(when), strong(target.title())));
            appendBlocks(item, target.text(), budget);
        }
        return item;
    }

    private void appendClosing(Document doc, String lead, boolean afterSteps) {
        doc.appendChild(paragraph(text(lead)));
        BulletList asks = new BulletList();
        asks.setMarker("-");
        asks.setTight(true);
        List<String> items = new ArrayList<>(List.of(
                "the exact error message, or a screenshot of the page;",
                "the address (URL) of the page, and when it happened, with your time zone;",
                "the lines of your server's error log from that time, if you can see them."));
        if (afterSteps) {
            items.set(2, items.get(2).replaceFirst("\\.$", ";"));
            items.add("which of the steps above you tried, and what happened.");
        }
        for (String ask : items) {
            ListItem item = new ListItem();
            item.appendChild(paragraph(text(ask)));
            asks.appendChild(item);
        }
        doc.appendChild(asks);
        Paragraph end = paragraph(text("Best regards,"));
        end.appendChild(new HardLineBreak());
        end.appendChild(text(signOff));
        doc.appendChild(end);
    }

    /**
     * The node's Markdown blocks, at most {@link #MAX_NODE_CHARS} of them and within what is left of
     * the budget; links inside the KB become their text. A node cut short says so.
     */
    private static void appendBlocks(org.commonmark.node.Node parent, String markdown, Budget budget) {
        if (budget.left <= 0) {
            return;
        }
        org.commonmark.node.Node parsed = PARSER.parse(markdown == null ? "" : markdown);
        unlinkInternal(parsed);
        int used = 0;
        org.commonmark.node.Node block = parsed.getFirstChild();
        while (block != null) {
            org.commonmark.node.Node next = block.getNext();
            int length = TEXT.render(block).length();
            if (used > 0 && (used + length > MAX_NODE_CHARS || length > budget.left)) {
                parent.appendChild(paragraph(text("(shortened)")));
                budget.left = Math.max(0, budget.left - length);
                return;
            }
            used += length;
            budget.left -= length;
            parent.appendChild(block);
            block = next;
        }
    }

    /** Links to other nodes or entries mean nothing in a mail: keep their words, drop the link. */
    private static void unlinkInternal(org.commonmark.node.Node root) {
        List<Link> internal = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                String d = link.getDestination() == null ? "" : link.getDestination().toLowerCase(java.util.Locale.ROOT);
                if (!d.startsWith("http://") && !d.startsWith("https://") && !d.startsWith("mailto:")) {
                    internal.add(link);
                }
                visitChildren(link);
            }
        });
        for (Link link : internal) {
            org.commonmark.node.Node child = link.getFirstChild();
            while (child != null) {
                org.commonmark.node.Node next = child.getNext();
                link.insertBefore(child);
                child = next;
            }
            link.unlink();
        }
    }

    private static Paragraph greeting(String from) {
        String name = name(from);
        return paragraph(text(name.isEmpty() ? "Hello," : "Hello " + name + ","));
    }

    /** The display name of a sender address, when it has a usable one. */
    static String name(String from) {
        if (from == null || from.isBlank()) {
            return "";
        }
        String personal;
        try {
            personal = new InternetAddress(from.strip(), false).getPersonal();
        } catch (AddressException e) {
            return "";
        }
        if (personal == null || personal.isBlank() || personal.contains("@")) {
            return "";
        }
        String name = personal.strip().replaceAll("\\s+", " ");
        return name.length() > MAX_NAME ? "" : name;
    }

    /** "Yes, it is" becomes "yes, it is" after "If"; "SSH ..." and "I ..." keep their case. */
    private static String decapitalise(String label) {
        String s = label.strip();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String word = s.substring(0, end);
        boolean ordinary = word.length() == 1 ? !word.equals("I")
                : word.length() > 1 && word.substring(1).chars().allMatch(Character::isLowerCase);
        if (ordinary && Character.isUpperCase(s.charAt(0))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    private static String withStop(String s) {
        String t = s.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private Reply render(Document doc) {
        String markdown = MARKDOWN.render(doc);
        String html = Markdown.toSafeHtml(markdown);
        plainCode(doc);
        String plain = TEXT.render(doc).replaceAll("(?m)[ \\t]+$", "").strip();
        return new Reply(plain, html);
    }

    /**
     * Code blocks as indented lines joined by hard breaks: the text renderer indents those inside a
     * list item, where it would write a code block's later lines at the margin.
     */
    private static void plainCode(Document doc) {
        List<org.commonmark.node.Block> blocks = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock code) {
                blocks.add(code);
            }

            @Override
            public void visit(IndentedCodeBlock code) {
                blocks.add(code);
            }
        });
        for (org.commonmark.node.Block code : blocks) {
            String literal = code instanceof FencedCodeBlock f ? f.getLiteral() : ((IndentedCodeBlock) code).getLiteral();
            Paragraph p = new Paragraph();
            String[] lines = literal.stripTrailing().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.appendChild(new HardLineBreak());
                }
                p.appendChild(text("    " + lines[i]));
            }
            code.insertBefore(p);
            code.unlink();
        }
    }

    private static Paragraph paragraph(org.commonmark.node.Node... inlines) {
        Paragraph p = new Paragraph();
        for (org.commonmark.node.Node n : inlines) {
            p.appendChild(n);
        }
        return p;
    }

    private static Text text(String s) {
        return new Text(s);
    }

    private static StrongEmphasis strong(String s) {
        StrongEmphasis e = new StrongEmphasis();
        e.appendChild(new Text(s));
        return e;
    }
}
