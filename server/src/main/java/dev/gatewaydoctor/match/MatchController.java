package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@code GET /api/match?q=TEXT&limit=N} and {@code POST /api/match {"text", "limit"}}. */
public final class MatchController {

    /** The most text one match looks at: a whole error page or a long log excerpt. */
    public static final int MAX_TEXT_BYTES = 64 * 1024;
    /**
     * The largest body of a POST: the limit applies to the decoded text, and JSON may spell one byte
     * in six ({@code \u00e9} for the two bytes of é, {@code \n} for a newline), plus the other fields.
     */
    public static final long MAX_ESCAPED_TEXT_BYTES = 6L * MAX_TEXT_BYTES;
    static final long MAX_BODY = MAX_ESCAPED_TEXT_BYTES + 1024;
    public static final int DEFAULT_LIMIT = 5;
    public static final int MAX_LIMIT = 20;

    private final Supplier<Matcher> matcher;
    private final Consumer<Match> observer;

    public MatchController(Supplier<Matcher> matcher) {
        this(matcher, m -> {});
    }

    /** @param observer told of every match answered (metrics); must be quick and must not throw */
    public MatchController(Supplier<Matcher> matcher, Consumer<Match> observer) {
        this.matcher = matcher;
        this.observer = observer;
    }

    public void get(Context ctx) {
        String q = ctx.queryParam("q");
        respond(ctx, q, ctx.queryParam("limit"));
    }

    public void post(Context ctx) {
        Requests.limitBody(ctx, MAX_BODY);
        JsonNode body = Requests.jsonObject(ctx);
        JsonNode text = body.get("text");
        if (text != null && !text.isNull() && !text.isTextual()) {
            throw ApiError.badRequest("'text' must be a string");
        }
        JsonNode limit = body.get("limit");
        respond(ctx, text == null || text.isNull() ? null : text.asText(), limit == null || limit.isNull() ? null : limit.asText());
    }

    private void respond(Context ctx, String text, String limitParam) {
        String checked = checkText(text, "text");
        int limit = Requests.intInRange(limitParam, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Match m = matcher.get().match(checked, limit);
        observer.accept(m);
        ctx.json(view(m));
    }

    /** The text a client sent, or a 400/413 naming what is wrong with it. */
    public static String checkText(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("'" + field + "' is empty: paste the error message, page or log line");
        }
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw ApiError.tooLarge("'" + field + "'", MAX_TEXT_BYTES);
        }
        return text;
    }

    /** The JSON shape of a match, shared by the channels that return one. */
    public static Map<String, Object> view(Match m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("matched", m.matched());
        out.put("confidence", m.confidence());
        out.put("results", m.results());
        out.put("evidence", m.evidence());
        return out;
    }
}
