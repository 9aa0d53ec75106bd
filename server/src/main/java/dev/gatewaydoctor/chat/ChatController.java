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
import java.util.function.Supplier;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Node;

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
    private final TurnObserver observer;
    private final Supplier<Kb> kb;

    public ChatController(Conversation conversation, StateCodec codec) {
        this(conversation, codec, ctx -> Optional.empty(), TurnObserver.NONE, Markdown.STRICT, () -> new Kb(Map.of()));
    }

    /**
     * @param html renders node texts (which remote images survive)
     * @param kb where translations of entries are looked up for requests that name a {@code lang}
     */
    public ChatController(Conversation conversation, StateCodec codec, ImageText images, TurnObserver observer, Markdown html,
                          Supplier<Kb> kb) {
        this.conversation = conversation;
        this.codec = codec;
        this.images = images;
        this.observer = observer;
        this.html = html;
        this.kb = kb;
    }

    public void post(Context ctx) {
        Optional<String> imageText = images.read(ctx);
        if (imageText.isPresent()) {
            String channel = channel(ctx.queryParam("channel")); // the body is the image: the channel rides in the query
            Map<String, Object> out = view(observer.started(channel,
                    conversation.start(MatchController.checkText(imageText.get(), "image text"))), lang(ctx.queryParam("lang")));
            out.put("image_text", imageText.get());
            ctx.json(out);
            return;
        }
        Requests.limitBody(ctx, MAX_BODY);
        JsonNode body = Requests.jsonObject(ctx);
        String message = text(body, "message");
        String choice = text(body, "choice");
        String token = text(body, "state");
        String lang = lang(text(body, "lang"));
        ctx.json(view(turn(token, message, choice, channel(text(body, "channel"))), lang));
    }

    /**
     * The channel a first turn names: the widget says so; anything else calling the API is "api".
     * Only those two are accepted, so the record's channels stay a closed set.
     */
    private static String channel(String named) {
        if (named == null || named.equals(TurnObserver.API)) {
            return TurnObserver.API;
        }
        if (named.equals(TurnObserver.WIDGET)) {
            return TurnObserver.WIDGET;
        }
        throw ApiError.badRequest("'channel' must be '" + TurnObserver.WIDGET + "' or '" + TurnObserver.API + "'");
    }

    /** One turn from its three possible inputs; {@code channel} is recorded for a first turn. */
    public Reply turn(String token, String message, String choice, String channel) {
        if (token == null) {
            if (choice != null) {
                throw ApiError.badRequest("'choice' needs the 'state' of the conversation");
            }
            return observer.started(channel, conversation.start(MatchController.checkText(message, "message")));
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
            Reply r = choice != null ? conversation.choose(state, choice)
                    : conversation.say(state, MatchController.checkText(message, "message"));
            return observer.continued(state, choice, message, r);
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

    private static String lang(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        if (!LANG.matcher(lang).matches()) {
            throw ApiError.badRequest("'lang' must be a language tag such as 'de' or 'pt-BR'");
        }
        return lang.toLowerCase(java.util.Locale.ROOT);
    }

    private static final java.util.regex.Pattern LANG = java.util.regex.Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?");

    /** The JSON shape of a reply. */
    public Map<String, Object> view(Reply r) {
        return view(r, null);
    }

    /**
     * The JSON shape of a reply in {@code lang} where the entry has a translation to it: the entry's
     * title, the node's title and text and the labels of its own options. The conversation's own
     * lines (prompts, back, start over) stay as the engine says them. {@code lang} in the answer
     * names the language of the entry's texts when a translation was used.
     */
    public Map<String, Object> view(Reply r, String lang) {
        Optional<Entry> translated = r.entry().flatMap(e -> kb.get().translation(e.id(), lang));
        if (translated.isPresent()) {
            r = translate(r, translated.get());
        }
        Map<String, Object> out = viewOf(r);
        out.put("lang", translated.isPresent() ? lang : null);
        return out;
    }

    private static Reply translate(Reply r, Entry t) {
        Reply.EntryRef entry = new Reply.EntryRef(t.id(), t.title());
        Reply.Shown shown = r.node();
        String nodeId = shown.id();
        Optional<Node> node = r.entry().filter(e -> e.id().equals(t.id())).flatMap(e -> t.flow().node(nodeId));
        if (node.isPresent()) {
            Map<String, String> labels = new LinkedHashMap<>();
            node.get().options().forEach(o -> labels.put(o.id(), o.label()));
            shown = new Reply.Shown(shown.id(), shown.kind(), node.get().title(), node.get().text(), shown.prompt(),
                    shown.options().stream().map(c -> new Reply.Choice(c.id(), labels.getOrDefault(c.id(), c.label()))).toList());
        }
        return new Reply(r.state(), r.matched(), Optional.of(entry), r.confidence(), shown, r.say(), r.skipped(),
                r.alternatives(), r.evidence(), r.handoff(), r.canGoBack());
    }

    private Map<String, Object> viewOf(Reply r) {
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
