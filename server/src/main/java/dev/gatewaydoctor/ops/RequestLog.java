package dev.gatewaydoctor.ops;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The request id and the access line of every request, and its {@code http.server.requests} timing.
 *
 * <p>An {@code X-Request-Id} sent by a proxy is kept when it is a short token (so one id follows a
 * request through the proxy's log and ours); anything else is replaced by a fresh UUID, so a
 * client cannot write arbitrary text into the log. The id is returned in the response header and
 * put in the logging context ({@code request_id}) for every line logged while the request runs.
 *
 * <p>The access line carries the route template, never the path or the query: {@code /api/match?q=}
 * holds pasted text, and {@code /api/kb/{id}} would multiply the metric's series.
 */
public final class RequestLog {

    public static final String HEADER = "X-Request-Id";
    /** What a kept id may look like: the characters of UUIDs, trace ids and nginx's {@code $request_id}. */
    static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final String MDC_KEY = "request_id";

    /** The logger of access lines; its own name so it can be routed or silenced on its own. */
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    private final Metrics metrics;
    private final ClientAddress clients;
    private final Map<String, IntConsumer> refusals = new ConcurrentHashMap<>();

    public RequestLog(Metrics metrics, ClientAddress clients) {
        this.metrics = metrics;
        this.clients = clients;
    }

    /** Tells {@code listener} the status of every answer of 400 or more on the route template {@code route}. */
    public void onRefusal(String route, IntConsumer listener) {
        refusals.put(route, listener);
    }

    public void install(JavalinConfig config) {
        config.routes.before(this::begin);
        config.requestLogger.http((ctx, ms) -> end(ctx));
    }

    private void begin(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        String id = id(ctx.header(HEADER));
        ctx.attribute(MDC_KEY, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** The id to use for a request that came with {@code sent} (may be null). */
    static String id(String sent) {
        return sent != null && VALID_ID.matcher(sent).matches() ? sent : fresh();
    }

    /**
     * A random (version 4) UUID from the thread's own generator. A request id only has to be
     * unique, not unguessable, and {@link UUID#randomUUID()} draws from one SecureRandom behind a
     * lock: under load its threads queued there 10-20 ms at a time (JFR's monitor events in the soak),
     * /health's among them.
     */
    static String fresh() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The request's id, as logged and returned. */
    public static String of(Context ctx) {
        String id = ctx.attribute(MDC_KEY);
        return id == null ? "" : id;
    }

    private void end(Context ctx) {
        try {
            Long started = ctx.attribute(STARTED);
            long nanos = started == null ? 0 : System.nanoTime() - started;
            int status = ctx.statusCode();
            String route = route(ctx);
            String method = ctx.method().name();
            metrics.request(route, method, status, nanos);
            IntConsumer refused = status >= 400 ? refusals.get(route) : null;
            if (refused != null) {
                refused.accept(status);
            }
            ACCESS.info("{} {} {} {} {}", kv("method", method), kv("route", route), kv("status", status),
                    kv("duration_ms", Math.round(nanos / 10_000.0) / 100.0),
                    kv("client", clients.of(ctx)));
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /**
     * The route template that answered; {@code static} for files of the web folder and
     * {@code unmatched} for everything else, so that scanners' paths add no series.
     */
    static String route(Context ctx) {
        Endpoint endpoint = null;
        try {
            endpoint = ctx.endpoints().matchedHttpEndpoint();
        } catch (RuntimeException none) {
            // no endpoint matched: a static file or a 404
        }
        if (endpoint != null && !endpoint.path.equals("*")) {
            return endpoint.path;
        }
        return ctx.statusCode() == 404 ? "unmatched" : "static";
    }
}
