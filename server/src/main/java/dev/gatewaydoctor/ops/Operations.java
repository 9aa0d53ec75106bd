package dev.gatewaydoctor.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Server;

/**
 * The operational side of the server in one object: metrics, the request log, rate limits,
 * readiness and the drain, the OpenAPI document. {@code App} builds one, installs it into
 * Javalin's configuration and routes {@code /ready}, {@code /metrics} and {@code /openapi.json}
 * to it.
 */
public final class Operations {

    /** The settings this part reads; parsed by {@code App} from the environment. */
    public record Config(String trustedProxies, int apiPerMinute, int ocrPerMinute, int shutdownSeconds, int drainSeconds) {
        public Config {
            if (shutdownSeconds < 0 || drainSeconds < 0) {
                throw new IllegalArgumentException(Drain.SHUTDOWN_ENV + " and " + Drain.DELAY_ENV + " cannot be negative");
            }
        }
    }

    private static final String OPENAPI_RESOURCE = "openapi.yaml";

    private final Config config;
    private final Metrics metrics = new Metrics();
    private final Readiness readiness = new Readiness();
    private final ClientAddress clients;
    private final RequestLog requestLog;
    private final RateLimits rateLimits;
    private final byte[] openApi;

    public Operations(Config config) {
        this.config = config;
        this.clients = ClientAddress.parse(config.trustedProxies());
        this.requestLog = new RequestLog(metrics, clients);
        this.rateLimits = new RateLimits(List.of(
                new RateLimits.Group("match, chat and tickets", config.apiPerMinute(),
                        List.of("/api/match", "/api/chat", "/api/tickets", "/api/tickets/zendesk")),
                new RateLimits.Group("ocr", config.ocrPerMinute(), List.of("/api/ocr"))), clients, metrics);
        this.openApi = openApiJson();
    }

    public Metrics metrics() {
        return metrics;
    }

    public Readiness readiness() {
        return readiness;
    }

    public ClientAddress clients() {
        return clients;
    }

    /**
     * Request ids and the access log first, so that even a rate-limited request is logged and
     * timed; then the limits. Jetty gets a stop timeout and the {@link TimedHandler}, which counts
     * the requests in flight and holds the stop until they are done.
     */
    public void install(JavalinConfig javalin) {
        requestLog.install(javalin);
        rateLimits.install(javalin);
        javalin.jetty.modifyServer(server -> {
            server.setStopTimeout(Duration.ofSeconds(config.shutdownSeconds()).toMillis());
            // Inserted, not set: the handlers already installed (http/ServerGuard's) stay in the chain.
            server.insertHandler(new TimedHandler(metrics.registry(), Metrics.component("jetty")));
        });
    }

    /** Jetty's thread pool and connections, once the server exists. */
    public void bind(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(metrics.registry());
        JettyConnectionMetrics.addToAllConnectors(server, metrics.registry(), Tags.empty());
    }

    /** Tells {@code listener} the status of every answer of 400 or more on {@code route} (a route template). */
    public void onRefusal(String route, java.util.function.IntConsumer listener) {
        requestLog.onRefusal(route, listener);
    }

    /** What SIGTERM does: see {@link Drain}. */
    public Drain drain(Runnable stop) {
        return new Drain(readiness, Duration.ofSeconds(config.drainSeconds()), stop);
    }

    public void metricsRoute(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    public void openApiRoute(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    /** The document is written in YAML (comments, readable diffs) and served as JSON. */
    private static byte[] openApiJson() {
        try (InputStream in = Operations.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the jar");
            }
            return new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
