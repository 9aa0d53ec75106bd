package dev.gatewaydoctor.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.function.ToDoubleFunction;

/**
 * The service's metrics, in one place, so that code which counts something calls a method named
 * after what happened rather than building meters itself. Served by {@link #scrape()} in the
 * Prometheus text format at {@code /metrics}.
 *
 * <p>Meter names follow Micrometer's dotted convention; Prometheus sees them with underscores and
 * a unit suffix ({@code gateway.doctor.matches} is {@code gateway_doctor_matches_total}). Every
 * tag has a bounded set of values: entry ids of the served KB, statuses, route templates, never
 * anything a client typed. Thread-safe.
 *
 * <p>To count something new, add a method here (one line per meter) and call it from where it
 * happens; {@code deploy/grafana-dashboard.json} shows the meters below.
 */
public final class Metrics {

    /** Confidence buckets: the match threshold sits at 0.5, the ticket thresholds at 0.5 and 0.8. */
    private static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};

    private final PrometheusMeterRegistry registry;
    private final DistributionSummary confidence;

    public Metrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.confidence = DistributionSummary.builder("gateway.doctor.match.confidence")
                .description("confidence of each match, whether it matched or not")
                .serviceLevelObjectives(CONFIDENCE_BUCKETS)
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Latency buckets of the request timer: a dozen, from a cached KB read to a slow screenshot,
     * rather than Micrometer's 70-odd percentile buckets per series.
     */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    /** One HTTP request, by route template (never the raw path), method and status. */
    public void request(String route, String method, int status, long nanos) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by route template, method and status")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .tags("route", route, "method", method, "status", Integer.toString(status), "outcome", outcome(status))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private static String outcome(int status) {
        return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : status >= 300 ? "REDIRECTION" : "SUCCESS";
    }

    /**
     * One match on any channel.
     *
     * @param entry the best candidate's id, or null when there was none
     * @param matched whether the confidence reached the threshold
     */
    public void match(String entry, boolean matched, double confidenceValue) {
        Counter.builder("gateway.doctor.matches").description("matches by best entry and whether they matched")
                .tags("entry", entry == null ? "none" : entry, "matched", Boolean.toString(matched))
                .register(registry).increment();
        confidence.record(confidenceValue);
    }

    /**
     * One conversation turn by what it led to: {@code handoff}, {@code unmatched}, or the kind of
     * node shown ({@code question}, {@code fix}, {@code end}).
     */
    public void chatTurn(String outcome) {
        Counter.builder("gateway.doctor.chat.turns").description("conversation turns by what they led to")
                .tags("outcome", outcome).register(registry).increment();
    }

    /** An OCR request refused or failed, by status (413, 415, 422, 429, 503...). */
    public void ocrRefused(int status) {
        Counter.builder("gateway.doctor.ocr.refusals").description("OCR requests refused or failed, by status")
                .tags("status", Integer.toString(status)).register(registry).increment();
    }

    /** How many images are being read or waiting, read when scraped. */
    public void ocrQueue(Supplier<Number> depth) {
        Gauge.builder("gateway.doctor.ocr.queue.depth", depth, d -> d.get().doubleValue())
                .description("images being read or waiting for a worker").strongReference(true).register(registry);
    }

    /** One ticket triaged, by the action chosen ({@code auto_reply}, {@code suggest}, {@code escalate}). */
    public void ticketAction(String action) {
        Counter.builder("gateway.doctor.ticket.actions").description("tickets triaged by action")
                .tags("action", action).register(registry).increment();
    }

    /** The served KB's size and the reloads refused because the KB on disk had problems, both read when scraped. */
    public <T> void knowledgeBase(T knowledge, ToDoubleFunction<T> entries, ToDoubleFunction<T> refusedReloads) {
        Gauge.builder("gateway.doctor.kb.entries", knowledge, entries).description("entries in the served KB").register(registry);
        FunctionCounter.builder("gateway.doctor.kb.reloads.refused", knowledge, refusedReloads)
                .description("KB reloads refused because the files had problems (the old KB stays served)")
                .register(registry);
    }

    /** A request refused by the rate limit, by route template. */
    public void rateLimited(String route) {
        Counter.builder("gateway.doctor.rate.limited").description("requests refused with 429 by the per-client rate limit")
                .tags("route", route).register(registry).increment();
    }

    /**
     * The outcome record's write queue: events waiting, and events dropped because the queue was
     * full (the request never waits for the store), both read when scraped.
     */
    public <T> void outcomeQueue(T outcomes, ToDoubleFunction<T> queued, ToDoubleFunction<T> dropped) {
        Gauge.builder("gateway.doctor.outcome.events.queued", outcomes, queued)
                .description("outcome events waiting to be written").register(registry);
        FunctionCounter.builder("gateway.doctor.outcome.events.dropped", outcomes, dropped)
                .description("outcome events dropped because the store's queue was full").register(registry);
    }

    /** Tags for the meters of one component (Jetty's pools and connectors). */
    static Tags component(String name) {
        return Tags.of("component", name);
    }
}
