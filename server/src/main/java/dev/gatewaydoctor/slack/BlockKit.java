package dev.gatewaydoctor.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.match.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders conversation replies as Block Kit, with the Slack SDK's models, inside Slack's limits:
 * section texts of {@value #MAX_SECTION} characters, button labels of {@value #MAX_LABEL}, headers of
 * {@value #MAX_HEADER}, {@value #MAX_BLOCKS} blocks per message. Knows no HTTP.
 */
final class BlockKit {

    /** action_id of the share button; every other button's action_id is free and its value says what to do. */
    static final String SHARE = "share";
    static final String BACK = "back";
    static final String START_OVER = "start-over";
    static final String OPTION = "option-";

    static final int MAX_SECTION = 3000;
    static final int MAX_LABEL = 75;
    static final int MAX_HEADER = 150;
    static final int MAX_BLOCKS = 50;
    /** Sections one long text may take: with everything else a message has, stays under MAX_BLOCKS. */
    private static final int MAX_TEXT_SECTIONS = 8;
    private static final int BUTTONS_PER_ROW = 5;
    private static final int EVIDENCE_SHOWN = 3;
    /** Slack user ids; anything else is not put inside a mention. */
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private BlockKit() {}

    /** A turn of the conversation, with buttons whose values carry {@code fitted}'s token. */
    static List<LayoutBlock> turn(Reply r, ButtonValue.Fitted fitted) {
        List<LayoutBlock> blocks = new ArrayList<>();
        body(r, blocks);
        if (fitted.token().isEmpty()) {
            blocks.add(note("This conversation has grown too long to go on with buttons. Run the command again to start afresh."));
            return blocks;
        }
        String token = fitted.token().get();
        List<BlockElement> options = new ArrayList<>();
        List<Reply.Choice> choices = r.node().options();
        for (int i = 0; i < choices.size(); i++) {
            Reply.Choice c = choices.get(i);
            options.add(choiceButton(OPTION + i, c.label(), ButtonValue.of(c.id(), token),
                    c.id().equals(Conversation.FIXED) ? "primary" : null));
        }
        for (int i = 0; i < options.size(); i += BUTTONS_PER_ROW) {
            blocks.add(actions(options.subList(i, Math.min(options.size(), i + BUTTONS_PER_ROW))));
        }
        List<BlockElement> nav = new ArrayList<>();
        if (r.canGoBack()) {
            nav.add(choiceButton(BACK, "\u2190 Back", ButtonValue.of(Conversation.BACK, token), null));
            nav.add(choiceButton(START_OVER, "Start over", ButtonValue.of(Conversation.START_OVER, token), null));
        }
        nav.add(choiceButton(SHARE, "Share in channel", token, null));
        blocks.add(actions(nav));
        if (fitted.trimmed()) {
            blocks.add(note("This conversation is long, so its earliest steps were left behind: "
                    + "Back and the summary reach only the recent ones."));
        }
        return blocks;
    }

    /** The current step as posted for everyone in the channel: no buttons, the options listed. */
    static List<LayoutBlock> shared(Reply r, String userId) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String who = userId != null && USER_ID.matcher(userId).matches() ? "<@" + userId + ">" : "Someone";
        blocks.add(note(who + " shared a step from Gateway Doctor."));
        body(r, blocks);
        if (!r.node().options().isEmpty()) {
            StringBuilder sb = new StringBuilder("*Options:*");
            r.node().options().forEach(c -> sb.append("\n\u2022 ").append(Mrkdwn.escape(c.label())));
            blocks.add(text(sb.toString()));
        }
        return blocks;
    }

    /** How to use the command, with an example taken from the knowledge base when there is one. */
    static List<LayoutBlock> usage(String command, String example) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Gateway Doctor"))));
        blocks.add(text("Type `" + Mrkdwn.escape(command) + "` followed by what you see: the text of the error page, a line "
                + "from your server's error log, or a sentence in your own words. I will recognise the problem and walk "
                + "you through it to a fix, one question at a time."));
        if (example != null && !example.isBlank()) {
            blocks.add(text("*Example:* `" + Mrkdwn.escape(command) + " " + Mrkdwn.escape(shorten(example.strip(), 200)) + "`"));
        }
        blocks.add(note("Only you see the answers until you press *Share in channel*. `" + Mrkdwn.escape(command)
                + " help` shows this again."));
        return blocks;
    }

    /** A short message without buttons. */
    static List<LayoutBlock> notice(String mrkdwn) {
        return List.of(text(mrkdwn));
    }

    /** The notification text that goes with a reply's blocks. */
    static String fallback(Reply r) {
        return r.entry().map(e -> e.title() + ": ").orElse("") + r.node().title();
    }

    /** Everything but the buttons: title, confidence, what was said and recognised, the node, the summary. */
    private static void body(Reply r, List<LayoutBlock> blocks) {
        String title = r.entry().map(Reply.EntryRef::title).orElse(r.node().title());
        blocks.add(header(h -> h.text(plainText(shorten(title, MAX_HEADER)))));
        if (r.entry().isPresent()) {
            blocks.add(note("Confidence: " + Math.round(r.confidence() * 100) + " %"));
        }
        if (r.say() != null && !r.say().isBlank()) {
            sections(Mrkdwn.fromMarkdown(r.say()), blocks);
        }
        if (!r.evidence().isEmpty()) {
            List<String> labels = r.evidence().stream().map(Match.Found::label).distinct().limit(EVIDENCE_SHOWN).toList();
            blocks.add(note("Recognised: " + Mrkdwn.escape(String.join("; ", labels))));
        }
        if (r.entry().isPresent()) {
            blocks.add(text("*" + Mrkdwn.escape(r.node().title()) + "*"));
        }
        sections(Mrkdwn.fromMarkdown(r.node().text()), blocks);
        if (r.node().prompt() != null && !r.node().prompt().isBlank()) {
            blocks.add(text("*" + Mrkdwn.escape(r.node().prompt()) + "*"));
        }
        r.handoff().ifPresent(summary -> sections(Mrkdwn.codeBlock(summary), blocks));
    }

    private static BlockElement choiceButton(String actionId, String label, String value, String style) {
        return button(b -> b.actionId(actionId).text(plainText(shorten(label, MAX_LABEL))).value(value).style(style));
    }

    private static LayoutBlock text(String mrkdwn) {
        return section(s -> s.text(markdownText(mrkdwn)));
    }

    private static LayoutBlock note(String mrkdwn) {
        return context(List.<ContextBlockElement>of(markdownText(mrkdwn)));
    }

    private static void sections(String mrkdwn, List<LayoutBlock> blocks) {
        List<String> chunks = chunks(mrkdwn, MAX_SECTION);
        for (int i = 0; i < chunks.size() && i < MAX_TEXT_SECTIONS; i++) {
            String chunk = chunks.get(i);
            if (i == MAX_TEXT_SECTIONS - 1 && chunks.size() > MAX_TEXT_SECTIONS) {
                chunk = shorten(chunk, MAX_SECTION - 40) + "\n_(shortened for Slack)_";
            }
            blocks.add(text(chunk));
        }
    }

    /**
     * Splits mrkdwn at line ends into pieces of at most {@code max} characters; a code block cut in
     * two is closed at the end of one piece and reopened at the start of the next.
     */
    static List<String> chunks(String mrkdwn, int max) {
        List<String> out = new ArrayList<>();
        if (mrkdwn == null || mrkdwn.isBlank()) {
            return out;
        }
        String fence = "```";
        int budget = max - fence.length() - 1;
        int longest = budget - fence.length() - 1;
        StringBuilder cur = new StringBuilder();
        boolean fresh = true;
        boolean inFence = false;
        for (String whole : mrkdwn.split("\n", -1)) {
            for (int i = 0; i < whole.length() || i == 0; i += longest) {
                String line = whole.substring(i, Math.min(whole.length(), i + longest));
                if (!fresh && cur.length() + 1 + line.length() > budget) {
                    if (inFence) {
                        cur.append('\n').append(fence);
                    }
                    out.add(cur.toString());
                    cur = new StringBuilder(inFence ? fence : "");
                    fresh = true;
                }
                if (cur.length() > 0) {
                    cur.append('\n');
                }
                cur.append(line);
                fresh = false;
                if (countOf(line, fence) % 2 == 1) {
                    inFence = !inFence;
                }
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static int countOf(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    static String shorten(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "\u2026";
    }
}
