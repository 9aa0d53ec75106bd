package dev.gatewaydoctor.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code POST /api/handoff}: {@code {"state", "email", "name"?, "page"?, "lang"?, "visitor"?}}
 * queues the conversation's summary for a person and answers 202 with an id at once;
 * {@code GET /api/handoff/{id}} says whether it has been delivered. Only HTTP I/O lives here.
 */
public final class HandoffController {

    static final long MAX_BODY = 32 * 1024;
    static final int MAX_EMAIL = 254;
    static final int MAX_FIELD = 200;
    static final int MAX_PAGE = 2000;
    /** Enough to refuse what is plainly not an address; the person who answers sees the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final Deliveries deliveries;
    private final Transcript.Reader transcripts;
    private final UnaryOperator<String> redaction;
    private final Clock clock;

    /**
     * @param redaction applied to everything the visitor pasted before it leaves the server (App
     *     passes the outcome store's, so a handoff is as redacted as a stored text)
     */
    public HandoffController(Deliveries deliveries, Transcript.Reader transcripts, UnaryOperator<String> redaction, Clock clock) {
        this.deliveries = deliveries;
        this.transcripts = transcripts;
        this.redaction = redaction;
        this.clock = clock;
    }

    public void post(Context ctx) {
        if (!deliveries.enabled()) {
            throw new ApiError(503, "handoff is not configured on this server");
        }
        Requests.limitBody(ctx, MAX_BODY);
        JsonNode body = Requests.jsonObject(ctx);
        String state = text(body, "state", 64 * 1024, true);
        String email = text(body, "email", MAX_EMAIL, true).strip();
        if (!EMAIL.matcher(email).matches()) {
            throw ApiError.badRequest("'email' is not an e-mail address");
        }
        String name = blankToNull(text(body, "name", MAX_FIELD, false));
        String page = blankToNull(text(body, "page", MAX_PAGE, false));
        String lang = blankToNull(text(body, "lang", 20, false));
        if (lang != null && !LANG.matcher(lang).matches()) {
            throw ApiError.badRequest("'lang' must be a language tag such as 'de' or 'pt-BR'");
        }
        Visitor visitor = visitor(body.get("visitor"));
        Transcript t;
        try {
            t = transcripts.read(state);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid 'state': " + e.getMessage());
        }
        Handoff handoff = new Handoff(UUID.randomUUID().toString(), clock.instant(), email, name, visitor, lang, page,
                t.entry(), t.path(), redaction.apply(t.pasted()), redaction.apply(t.summary()));
        if (!deliveries.submit(handoff)) {
            ctx.header("Retry-After", "60");
            throw new ApiError(503, "too many handoffs are waiting to be delivered; please try again in a minute");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", handoff.id());
        out.put("status", "queued");
        out.put("routes", deliveries.routeNames());
        ctx.status(202).json(out);
    }

    public void get(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw ApiError.badRequest("not a handoff id: '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'");
        }
        Deliveries.Status s = deliveries.status(id).orElseThrow(() -> ApiError.notFound("no handoff with id " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("status", s.state().name().toLowerCase());
        out.put("routes", s.routes().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("route", r.route());
            m.put("status", r.state().name().toLowerCase());
            m.put("attempts", r.attempts());
            m.put("error", r.error());
            return m;
        }).toList());
        ctx.json(out);
    }

    private static Visitor visitor(JsonNode v) {
        if (v == null || v.isNull()) {
            return Visitor.NONE;
        }
        if (!v.isObject()) {
            throw ApiError.badRequest("'visitor' must be an object {id, email, name, plan}");
        }
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("id") && !f.equals("email") && !f.equals("name") && !f.equals("plan")) {
                throw ApiError.badRequest("'visitor' has an unknown field '" + (f.length() > 40 ? f.substring(0, 40) : f) + "'");
            }
        }
        return new Visitor(blankToNull(text(v, "id", MAX_FIELD, false)), blankToNull(text(v, "email", MAX_EMAIL, false)),
                blankToNull(text(v, "name", MAX_FIELD, false)), blankToNull(text(v, "plan", MAX_FIELD, false)));
    }

    private static String text(JsonNode body, String field, int max, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.badRequest("'" + field + "' is required");
            }
            return null;
        }
        // Numbers are accepted for ids: host pages often hold them as numbers.
        if (!v.isTextual() && !(field.equals("id") && v.isIntegralNumber())) {
            throw ApiError.badRequest("'" + field + "' must be a string");
        }
        String s = v.asText();
        if (s.length() > max) {
            throw ApiError.badRequest("'" + field + "' is longer than " + max + " characters");
        }
        if (required && s.isBlank()) {
            throw ApiError.badRequest("'" + field + "' is required");
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
