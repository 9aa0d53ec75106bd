package dev.gatewaydoctor.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import dev.gatewaydoctor.kb.Markdown;
import dev.gatewaydoctor.match.MatchController;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/chat}: {@code {"message"}} starts a conversation; {@code {"state", "choice"}} or
 * {@code {"state", "message"}} continues it; an image upload (see {@link ImageText}) starts one too.
 * Translates JSON to {@link Conversation} and back.
 */
public final class ChatController {

    static final long MAX_BODY = MatchController.MAX_ESCAPED_TEXT_BYTES + StateCodec.MAX_TOKEN + 1024;

    /** Reads the text of an image (a screenshot) that starts a conversation; empty when the request carries none. */
    @FunctionalInterface
    public interface ImageText {
        Optional<String> read(Context ctx);
    }

    private final Conversation conversation;
    private final StateCodec codec;
    private final ImageText images;
    private final Markdown html;

    public ChatController(Conversation conversation, StateCodec codec) {
        this(conversation, codec, ctx -> Optional.empty());
    }

    public ChatController(Conversation conversation, StateCodec codec, ImageText images) {
        this(conversation, codec, images, Markdown.STRICT);
    }

    /** @param html renders node texts (which remote images survive) */
    public ChatController(Conversation conversation, StateCodec codec, ImageText images, Markdown html) {
        this.conversation = conversation;
        this.codec = codec;
        this.images = images;
        this.html = html;
    }

    public void post(Context ctx) {
        Optional<String> imageText = images.read(ctx);
        if (imageText.isPresent()) {
            Map<String, Object> out = view(conversation.start(MatchController.checkText(imageText.get(), "image text")));
            out.put("image_text", imageText.get());
            ctx.json(out);
            return;
        }
        Requests.limitBody(ctx, MAX_BODY);
        JsonNode body = Requests.jsonObject(ctx);
        String message = text(body, "message");
        String choice = text(body, "choice");
        String token = text(body, "state");
        ctx.json(view(turn(token, message, choice)));
    }

    /** One turn from its three possible inputs; shared by every channel that speaks JSON-ish. */
    public Reply turn(String token, String message, String choice) {
        if (token == null) {
            if (choice != null) {
                throw ApiError.badRequest("'choice' needs the 'state' of the conversation");
            }
            return conversation.start(MatchController.checkText(message, "message"));
        }
        State state;
        try {
            state = codec.decode(token);
        } catch (StateCodec.BadState e) {
            throw ApiError.badRequest("invalid 'state': " + e.getMessage());
        }
        if ((message == null) == (choice == null)) {
            throw ApiError.badRequest("send either 'choice' or 'message' with the 'state'");
        }
        try {
            return choice != null ? conversation.choose(state, choice)
                    : conversation.say(state, MatchController.checkText(message, "message"));
        } catch (Conversation.TurnException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    /** The JSON shape of a reply. */
    public Map<String, Object> view(Reply r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", codec.encode(r.state()));
        out.put("matched", r.matched());
        out.put("entry", r.entry().orElse(null));
        out.put("confidence", r.confidence());
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", r.node().id());
        node.put("kind", r.node().kind());
        node.put("title", r.node().title());
        node.put("text", r.node().text());
        node.put("html", html.safeHtml(r.node().text()));
        node.put("prompt", r.node().prompt());
        node.put("options", r.node().options());
        out.put("node", node);
        out.put("say", r.say());
        out.put("skipped", r.skipped());
        out.put("alternatives", r.alternatives());
        out.put("evidence", r.evidence());
        out.put("handoff", r.handoff().orElse(null));
        out.put("can_go_back", r.canGoBack());
        return out;
    }
}
