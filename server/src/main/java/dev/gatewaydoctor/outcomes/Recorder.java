package dev.gatewaydoctor.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every channel hands its events: {@link #record} never blocks and never throws. Events wait
 * in a bounded queue; one writer thread redacts them and writes them in batches, so a slow or
 * unreachable database costs a request nothing. When the queue is full the event is dropped and
 * counted ({@link #stats}). Rows older than the retention are purged at start and then daily.
 * Thread-safe.
 */
public final class Recorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    /** Events per transaction: large enough to keep up with bursts, small enough to keep a transaction short. */
    static final int BATCH = 500;

    /** What the record has done so far, for {@code /health} and metrics. */
    public record Stats(boolean on, int queued, long dropped, long written, long failed) {}

    private final OutcomeStore store;
    private final Redaction redaction;
    private final Clock clock;
    private final BlockingQueue<Event> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final Thread writer;
    private final ScheduledExecutorService purger;
    private volatile boolean closing;

    private Recorder(OutcomeStore store, Redaction redaction, OutcomeSettings settings, Clock clock) {
        this.store = store;
        this.redaction = redaction;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(store == null ? 1 : settings.queue());
        if (store == null) {
            this.writer = null;
            this.purger = null;
            return;
        }
        this.writer = new Thread(this::write, "outcome-writer");
        writer.setDaemon(true);
        writer.start();
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outcome-purge");
            t.setDaemon(true);
            return t;
        });
        Duration retention = settings.retention();
        purger.scheduleAtFixedRate(() -> purge(retention), 0, 1, TimeUnit.DAYS);
    }

    /** Keeps nothing ({@code GATEWAY_DOCTOR_DB=off}). */
    public static Recorder off() {
        return new Recorder(null, Redaction.strict(), null, Clock.systemUTC());
    }

    /** Writes to {@code store}, redacting with {@code redaction}. */
    public static Recorder writingTo(OutcomeStore store, Redaction redaction, OutcomeSettings settings, Clock clock) {
        return new Recorder(store, redaction, settings, clock);
    }

    public boolean on() {
        return store != null;
    }

    /** The store, when the record is on (the report reads it). */
    public Optional<OutcomeStore> store() {
        return Optional.ofNullable(store);
    }

    public Redaction redaction() {
        return redaction;
    }

    public Clock clock() {
        return clock;
    }

    /** Queues an event for writing; when the queue is full it is dropped and counted. Never blocks, never throws. */
    public void record(Event event) {
        if (store == null || closing) {
            return;
        }
        if (queue.offer(event)) {
            accepted.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    public Stats stats() {
        return new Stats(on(), queue.size(), dropped.get(), written.get(), failed.get());
    }

    /** Whether the database answers (for readiness); true when the record is off, as nothing needs it. */
    public boolean reachable() {
        return store == null || store.reachable();
    }

    /**
     * Waits until every event accepted so far is written (or failed), at most {@code timeout}.
     *
     * @return whether it got there in time
     */
    public boolean awaitWritten(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() + failed.get() < accepted.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void write() {
        List<Event> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                List<Event> clean = new ArrayList<>(batch.size());
                for (Event e : batch) {
                    clean.add(e.redacted(redaction));
                }
                writeWithRetry(clean);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failed.addAndGet(batch.size());
                LOG.warn("outcome events could not be prepared: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** One retry after a pause: a PostgreSQL failover or a busy SQLite file usually passes. */
    private void writeWithRetry(List<Event> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                store.write(batch);
                written.addAndGet(batch.size());
                return;
            } catch (Exception e) {
                if (attempt >= 2) {
                    failed.addAndGet(batch.size());
                    LOG.warn("{} outcome events could not be written to {}: {}", batch.size(), store.where(), e.toString());
                    return;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private void purge(Duration retention) {
        try {
            int n = store.purge(clock.instant().minus(retention));
            if (n > 0) {
                LOG.info("purged {} outcome rows older than {} days", n, retention.toDays());
            }
        } catch (Exception e) {
            LOG.warn("outcome rows could not be purged: {}", e.toString());
        }
    }

    /** Writes what is still queued (for a few seconds at most), then closes the store. */
    @Override
    public void close() {
        if (store == null) {
            return;
        }
        closing = true;
        purger.shutdownNow();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
