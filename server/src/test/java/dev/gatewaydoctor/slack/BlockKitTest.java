package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.StateCodec;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlockKitTest {

    /** A small KB of its own: these tests look at rendering details, not at the bundled KB's flows. */
    static final java.nio.file.Path FIXTURE = java.nio.file.Path.of("server/src/test/resources/kb-slack");
    static Conversation conversation;
    static final StateCodec CODEC = StateCodec.random();

    @BeforeAll
    static void load() throws Exception {
        Kb kb = KbLoader.load(List.of(FIXTURE));
        Matcher matcher = Matcher.build(kb, Tuning.defaults());
        conversation = new Conversation(() -> matcher);
    }

    /** Slack's own deserializers, wired as the SDK's GsonFactory wires them. */
    static final Gson SLACK_SDK_GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory(true))
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory(true))
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory(true))
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory(true))
            .create();

    static List<LayoutBlock> readBack(SlackMessage message) {
        String json = new String(message.toJson(), StandardCharsets.UTF_8);
        String blocks = JsonParser.parseString(json).getAsJsonObject().get("blocks").toString();
        return SLACK_SDK_GSON.fromJson(blocks, new TypeToken<List<LayoutBlock>>() {}.getType());
    }

    @Test
    void our_json_reads_back_into_the_same_blocks_with_the_slack_sdks_own_deserializers() throws Exception {
        Reply start = conversation.start("502 Bad Gateway nginx");
        Reply fix = conversation.choose(start.state(), "start-app");
        for (Reply r : List.of(start, fix)) {
            List<LayoutBlock> blocks = BlockKit.turn(r, ButtonValue.fit(CODEC, r.state(), 20));
            assertEquals(blocks, readBack(SlackMessage.replacing("t", blocks)));
        }
        List<LayoutBlock> usage = BlockKit.usage("/gateway-doctor", "No space left on device");
        assertEquals(usage, readBack(SlackMessage.ephemeral("t", usage)));
    }

    @Test
    void labels_and_titles_are_shortened_to_slacks_limits() throws Exception {
        Reply r = conversation.start("502 Bad Gateway nginx");
        String longTitle = "T".repeat(400);
        String longLabel = "L".repeat(200);
        Reply.Shown node = new Reply.Shown("n", "question", "Question", "Text", "",
                List.of(new Reply.Choice("start-app", longLabel)));
        Reply big = new Reply(r.state(), true, Optional.of(new Reply.EntryRef("upstream-refused", longTitle)), 0.9, node,
                "", List.of(), List.of(), List.of(), Optional.empty(), false);
        List<LayoutBlock> blocks = BlockKit.turn(big, ButtonValue.fit(CODEC, big.state(), 20));
        HeaderBlock header = (HeaderBlock) blocks.get(0);
        assertEquals(BlockKit.MAX_HEADER, header.getText().getText().length());
        ButtonElement button = (ButtonElement) ((ActionsBlock) blocks.stream().filter(b -> b instanceof ActionsBlock)
                .findFirst().orElseThrow()).getElements().get(0);
        assertEquals(BlockKit.MAX_LABEL, button.getText().getText().length());
        assertTrue(button.getText().getText().endsWith("\u2026"));
    }

    @Test
    void a_huge_node_text_stays_within_the_block_and_section_limits() {
        Reply r = conversation.start("502 Bad Gateway nginx");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("Paragraph ").append(i).append(" says something **long** enough.\n\n");
        }
        Reply.Shown node = new Reply.Shown("n", "fix", "Fix", text.toString(), "Did this fix it?", r.node().options());
        Reply big = new Reply(r.state(), true, r.entry(), 1, node, text.toString(), List.of(), List.of(), List.of(),
                Optional.of(text.toString()), true);
        List<LayoutBlock> blocks = BlockKit.turn(big, ButtonValue.fit(CODEC, big.state(), 20));
        assertTrue(blocks.size() <= BlockKit.MAX_BLOCKS, blocks.size() + " blocks");
        String json = new String(SlackMessage.replacing("t", blocks).toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("shortened for Slack"));
        for (LayoutBlock b : readBack(SlackMessage.replacing("t", blocks))) {
            if (b instanceof com.slack.api.model.block.SectionBlock s) {
                assertTrue(s.getText().getText().length() <= BlockKit.MAX_SECTION, "a section of " + s.getText().getText().length());
            }
        }
        assertFalse(blocks.stream().filter(b -> b instanceof ActionsBlock).toList().isEmpty(), "the buttons survive");
    }

    @Test
    void a_mention_cannot_be_smuggled_in_through_the_user_id_or_a_node_text() {
        State s = conversation.start("502 Bad Gateway nginx").state();
        Reply r = conversation.current(s);
        String shared = new String(SlackMessage.inChannel("t", BlockKit.shared(r, "<!channel>")).toJson(), StandardCharsets.UTF_8);
        assertFalse(shared.contains("<!channel>"), shared);
        assertTrue(shared.contains("Someone shared a step"), shared);
        for (String md : List.of("<!channel>", "Ping <!here> and <@U123> now", "<https://x.example|<@U123>>")) {
            String out = Mrkdwn.fromMarkdown(md);
            assertFalse(out.contains("<!") || out.contains("<@"), md + " -> " + out);
        }
        assertEquals("Ping  and &lt;@U123&gt; now", Mrkdwn.fromMarkdown("Ping <!here> and <@U123> now"));
    }
}
