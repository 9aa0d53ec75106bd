package dev.gatewaydoctor.http;

import dev.gatewaydoctor.Settings;
import java.time.Duration;

/**
 * How long and how slowly a client may hold the server, from the environment. Slow clients cost a
 * connection, never a worker thread: a body is read whole without a thread before its route runs
 * (up to the route's own bound, {@link BodyLimits}), and must keep up {@link #minBodyRate} after
 * {@link #bodyGrace}.
 *
 * @param maxConnections open connections at most; past it the server stops accepting until one closes
 * @param idleTimeout a connection with nothing to read or write for this long is closed
 * @param headerDeadline a new connection must have sent a whole request head within this time
 * @param minBodyRate bytes per second a request body must average once {@code bodyGrace} has passed
 * @param bodyGrace how long a body may arrive at any pace (a phone on a bad network starts slowly)
 * @param activeRequests requests to the working routes (match, chat, tickets, Slack) handled at once;
 *     more wait their turn without a thread, so /health and static files still answer at once. The
 *     work is CPU-bound (an in-memory index), so more at once than the cores can run only adds
 *     threads that compete with /health for the CPU and garbage held by half-done requests. One per
 *     core (two at least): in the soak, two turns per core left a /health probe over 100 ms in the
 *     first second of three runs of three, one per core in none, at 5 % more requests served. A
 *     ticket waiting for its attachment's OCR holds its turn, but Tesseract then has the core
 * @param threads the server's worker threads at most. Every route either takes a turn or is quick,
 *     so few threads do all the work; a burst of connections opened or closed at once (a client's
 *     pool, slow bodies cut and reconnecting) then waits as tasks in arrival order instead of
 *     becoming hundreds of runnable threads among which a /health probe waits for a slice of the
 *     CPU. Enough for the turns of both kinds, the OCR workers and their queue, which hold threads
 */
public record ServerLimits(int maxConnections, Duration idleTimeout, Duration headerDeadline, long minBodyRate,
        Duration bodyGrace, int activeRequests, int threads) {

    /** The longest a request waits for its turn on a working route before a 503. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);

    public ServerLimits {
        if (maxConnections < 1 || activeRequests < 1 || threads < MIN_THREADS || minBodyRate < 1 || !positive(idleTimeout)
                || !positive(headerDeadline) || bodyGrace.isNegative()) {
            throw new IllegalArgumentException("server limits must be positive");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** Jetty's acceptor and selector threads come from the same pool: fewer leaves none for requests. */
    static final int MIN_THREADS = 16;

    public static ServerLimits defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServerLimits(2048, Duration.ofSeconds(30), Duration.ofSeconds(10), 1024, Duration.ofSeconds(5),
                Math.max(2, cores), Math.max(32, 16 * cores));
    }

    public static ServerLimits from(Settings settings) {
        ServerLimits d = defaults();
        return new ServerLimits(
                (int) whole(settings, "GATEWAY_DOCTOR_MAX_CONNECTIONS", d.maxConnections(), 1, 1_000_000),
                seconds(settings, "GATEWAY_DOCTOR_IDLE_TIMEOUT", d.idleTimeout()),
                seconds(settings, "GATEWAY_DOCTOR_HEADER_TIMEOUT", d.headerDeadline()),
                whole(settings, "GATEWAY_DOCTOR_MIN_BODY_RATE", d.minBodyRate(), 1, 1L << 30),
                d.bodyGrace(),
                (int) whole(settings, "GATEWAY_DOCTOR_MAX_ACTIVE_REQUESTS", d.activeRequests(), 1, 100_000),
                (int) whole(settings, "GATEWAY_DOCTOR_MAX_THREADS", d.threads(), MIN_THREADS, 10_000));
    }

    private static long whole(Settings settings, String name, long fallback, long min, long max) {
        double v = settings.envNumber(name, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(name + " must be a whole number between " + min + " and " + max);
        }
        return (long) v;
    }

    private static Duration seconds(Settings settings, String name, Duration fallback) {
        double v = settings.envNumber(name, fallback.toMillis() / 1000.0);
        if (!(v > 0) || v > 3600) {
            throw new IllegalArgumentException(name + " must be a number of seconds above 0 and at most 3600");
        }
        return Duration.ofMillis(Math.round(v * 1000));
    }
}
