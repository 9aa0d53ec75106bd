package dev.gatewaydoctor.slack;

import com.slack.api.model.block.LayoutBlock;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.StateCodec;
import dev.gatewaydoctor.chat.TurnObserver;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.MatchController;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Slack channel's logic, free of HTTP: a slash command's text becomes the first turn of a
 * conversation, a click the next one, each answered as a {@link SlackMessage}. The state travels
 * in the buttons, signed by the same {@link StateCodec} as every other channel's. Thread-safe.
 */
public final class SlackChannel {

    static final String DEFAULT_COMMAND = "/gateway-doctor";
    private static final Pattern COMMAND = Pattern.compile("/[a-z0-9_-]{1,32}");

    private final Conversation conversation;
    private final StateCodec codec;
    private final Supplier<Kb> kb;
    private final TurnObserver observer;

    public SlackChannel(Conversation conversation, StateCodec codec, Supplier<Kb> kb) {
        this(conversation, codec, kb, TurnObserver.NONE);
    }

    public SlackChannel(Conversation conversation, StateCodec codec, Supplier<Kb> kb, TurnObserver observer) {
        this.conversation = conversation;
        this.codec = codec;
        this.kb = kb;
        this.observer = observer;
    }

    /**
     * The answer to {@code /command text}: usage for empty text or {@code help}, else the first turn.
     *
     * @throws dev.gatewaydoctor.http.ApiError 413 when the text is larger than any paste we read
     */
    public SlackMessage command(String command, String text) {
        String name = command != null && COMMAND.matcher(command).matches() ? command : DEFAULT_COMMAND;
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.equalsIgnoreCase("help")) {
            return SlackMessage.ephemeral("How to use " + name, BlockKit.usage(name, example().orElse(null)));
        }
        Reply r = observer.started(TurnObserver.SLACK, conversation.start(MatchController.checkText(t, "text")));
        return SlackMessage.ephemeral(BlockKit.fallback(r), blocks(r));
    }

    /** What to post to the click's {@code response_url}: the next step, the shared step, or why neither. */
    public SlackMessage click(Click click) {
        try {
            if (click.actionId().equals(BlockKit.SHARE)) {
                Reply r = conversation.current(codec.decode(click.value()));
                return SlackMessage.inChannel(BlockKit.fallback(r), BlockKit.shared(r, click.userId()));
            }
            ButtonValue.Pressed pressed = ButtonValue.parse(click.value())
                    .orElseThrow(() -> new StateCodec.BadState("the button's value is malformed"));
            State before = codec.decode(pressed.token());
            Reply r = observer.continued(before, pressed.choice(), null, conversation.choose(before, pressed.choice()));
            return SlackMessage.replacing(BlockKit.fallback(r), blocks(r));
        } catch (StateCodec.BadState e) {
            return notice("This button belongs to a conversation this server can no longer follow (" + e.getMessage()
                    + "). Run the command again to start afresh.");
        } catch (Conversation.TurnException e) {
            return notice("That choice does not fit this step (" + e.getMessage() + "). Please pick one of the buttons shown.");
        }
    }

    /** A reply's blocks, its state fitted into Slack's limit on button values. */
    List<LayoutBlock> blocks(Reply r) {
        List<String> choices = new ArrayList<>(List.of(Conversation.BACK, Conversation.START_OVER));
        r.node().options().forEach(c -> choices.add(c.id()));
        int longest = choices.stream().mapToInt(String::length).max().orElse(0);
        return BlockKit.turn(r, ButtonValue.fit(codec, r.state(), longest));
    }

    private static SlackMessage notice(String text) {
        return SlackMessage.notice(text, BlockKit.notice(Mrkdwn.escape(text)));
    }

    /** A real wording from the knowledge base, so the usage example fits whatever KB is served. */
    private Optional<String> example() {
        return kb.get().list().stream()
                .min(Comparator.comparing(Entry::id))
                .flatMap(e -> e.variants().stream().findFirst());
    }
}
