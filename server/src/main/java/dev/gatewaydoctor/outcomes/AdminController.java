package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.tickets.ApiKeys;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/admin/report} and {@code GET /api/admin/gaps} ({@code ?since=30d}), for the KB's
 * authors. Every call needs {@code Authorization: Bearer <key>} with a key from
 * {@value #ENV}, compared in constant time: 401 without a right one, 503 while none is configured.
 */
public final class AdminController {

    public static final String ENV = "GATEWAY_DOCTOR_ADMIN_KEYS";

    private final Outcomes outcomes;
    private final ApiKeys keys;

    public AdminController(Outcomes outcomes, ApiKeys keys) {
        this.outcomes = outcomes;
        this.keys = keys;
    }

    public void report(Context ctx) {
        Duration since = authorized(ctx);
        try {
            ctx.json(outcomes.report(since));
        } catch (SQLException e) {
            throw new ApiError(503, "the outcome store cannot be read right now: " + e.getMessage());
        }
    }

    public void gaps(Context ctx) {
        Duration since = authorized(ctx);
        try {
            ctx.json(Map.of("gaps", gapViews(outcomes.gaps(since))));
        } catch (SQLException e) {
            throw new ApiError(503, "the outcome store cannot be read right now: " + e.getMessage());
        }
    }

    /** The gaps as shown: the first few inputs of each, with the total. */
    static List<Map<String, Object>> gapViews(List<Gaps.Gap> gaps) {
        return gaps.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("kind", g.kind());
            m.put("title", g.title());
            m.put("people", g.people());
            m.put("entry", g.entry());
            m.put("from_entry", g.fromEntry());
            m.put("node", g.node());
            m.put("not_fixed_rate", g.notFixedRate());
            m.put("inputs", g.inputs().size());
            m.put("examples", g.examples().stream().map(i -> Map.of("text", i.text(), "channel", i.channel(),
                    "at", i.at().toString())).toList());
            return m;
        }).toList();
    }

    private Duration authorized(Context ctx) {
        if (!keys.configured()) {
            throw new ApiError(503, "the admin API is off: no admin keys are configured (set " + ENV + ")");
        }
        if (!keys.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gateway-doctor-admin\"");
            throw new ApiError(401, "a valid admin key is required: send the header 'Authorization: Bearer <key>'");
        }
        if (!outcomes.on()) {
            throw new ApiError(503, "the outcome record is off (GATEWAY_DOCTOR_DB=off): nothing to report");
        }
        try {
            return Outcomes.period(ctx.queryParamAsClass("since", String.class).getOrDefault("30d"));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("'since' " + e.getMessage().replaceFirst("^a period", "must be"));
        }
    }
}
