package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.tickets.ApiKeys;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
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
            ctx.json(Map.of("gaps", AdminView.gaps(outcomes.gaps(since))));
        } catch (SQLException e) {
            throw new ApiError(503, "the outcome store cannot be read right now: " + e.getMessage());
        }
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
