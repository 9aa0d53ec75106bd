package dev.gatewaydoctor.ops;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What SIGTERM (and Ctrl-C) does to a serving process: {@code /ready} answers 503 at once, the
 * process keeps serving for the drain delay (time for load balancers to notice), then stops
 * accepting connections and lets the requests in flight finish, at most the shutdown timeout, and
 * exits 0.
 *
 * <p>The signals are caught with {@code sun.misc.Signal} rather than a shutdown hook: a JVM
 * ended through its hooks exits with 143, which orchestrators report as a failure; here the
 * process exits with 0 after a clean drain.
 */
public final class Drain {

    /** Longest wait for requests in flight once the listener is closed; default 20. */
    public static final String SHUTDOWN_ENV = "GATEWAY_DOCTOR_SHUTDOWN_SECONDS";
    /** How long to keep serving after /ready turned 503, before closing the listener; default 0. */
    public static final String DELAY_ENV = "GATEWAY_DOCTOR_DRAIN_SECONDS";
    public static final int DEFAULT_SHUTDOWN_SECONDS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final Readiness readiness;
    private final Duration delay;
    private final Runnable stop;
    private final AtomicBoolean started = new AtomicBoolean();

    /** @param stop closes the listener and waits for requests in flight (bounded by the shutdown timeout) */
    public Drain(Readiness readiness, Duration delay, Runnable stop) {
        this.readiness = readiness;
        this.delay = delay;
        this.stop = stop;
    }

    /** Drains once; later calls return at once. */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        long t0 = System.nanoTime();
        readiness.drain();
        LOG.info("draining: /ready answers 503; serving {} s more, then finishing requests in flight", delay.toSeconds());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop.run();
        LOG.info("stopped after {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Drains on SIGTERM and SIGINT, then exits 0. */
    public void onSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    // A new thread: the signal thread must not block for the whole drain.
                    Thread t = new Thread(() -> {
                        run();
                        System.exit(0);
                    }, "drain");
                    t.start();
                });
            } catch (IllegalArgumentException unsupported) {
                // This JVM does not let the signal be caught: fall back to a shutdown hook (exit code 143).
                Runtime.getRuntime().addShutdownHook(new Thread(this::run, "drain"));
                return;
            }
        }
    }
}
