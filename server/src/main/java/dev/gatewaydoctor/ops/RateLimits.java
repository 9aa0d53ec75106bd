package dev.gatewaydoctor.ops;

import dev.gatewaydoctor.http.ApiError;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-client token buckets (Bucket4j) in front of the routes that cost CPU: each group of routes
 * allows {@code perMinute} requests a minute per client, in bursts of up to as many, refilled
 * evenly. A refused request gets 429 with {@code Retry-After} and a JSON error. Health, readiness,
 * metrics and the web files are never limited, so the health checks of a node or a load balancer
 * are never refused.
 *
 * <p>Buckets live in this process: with N replicas behind a balancer a client gets up to N times
 * the limit, which is the price of needing no shared store. The number of clients remembered is
 * bounded; the least recently seen are forgotten first (they start again with a full bucket).
 * Thread-safe.
 */
public final class RateLimits {

    /** Requests per minute per client on match, chat and tickets; 0 turns the limit off. */
    public static final String API_ENV = "GATEWAY_DOCTOR_RATE_LIMIT";
    /** Screenshots per minute per client on the OCR route; 0 turns the limit off. */
    public static final String OCR_ENV = "GATEWAY_DOCTOR_RATE_LIMIT_OCR";
    public static final int DEFAULT_API = 120;
    public static final int DEFAULT_OCR = 20;

    static final int MAX_CLIENTS = 100_000;

    /** Routes sharing one bucket per client. */
    public record Group(String name, int perMinute, List<String> paths) {
        public Group {
            if (perMinute < 0) {
                throw new IllegalArgumentException("a rate limit cannot be negative, got " + perMinute + " for " + name);
            }
            paths = List.copyOf(paths);
        }
    }

    private final List<Group> groups;
    private final ClientAddress clients;
    private final Metrics metrics;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    public RateLimits(List<Group> groups, ClientAddress clients, Metrics metrics) {
        this.groups = List.copyOf(groups);
        this.clients = clients;
        this.metrics = metrics;
    }

    public void install(JavalinConfig config) {
        for (Group g : groups) {
            if (g.perMinute() == 0) {
                continue;
            }
            for (String path : g.paths()) {
                config.routes.before(path, ctx -> check(ctx, g, path));
            }
        }
    }

    private void check(Context ctx, Group group, String path) {
        if (ctx.method() == HandlerType.OPTIONS || ctx.method() == HandlerType.HEAD) {
            return; // preflights and probes cost nothing
        }
        ConsumptionProbe probe = bucket(group, clients.of(ctx)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        metrics.rateLimited(path);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new ApiError(429, "too many requests: at most " + group.perMinute() + " a minute on "
                + group.name() + "; try again in " + seconds + " s",
                Map.of("retry_after", seconds));
    }

    private Bucket bucket(Group group, String client) {
        String key = group.name() + " " + client;
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(group.perMinute())
                            .refillGreedy(group.perMinute(), Duration.ofMinutes(1)).build())
                    .build());
        }
    }
}
