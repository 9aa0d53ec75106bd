package dev.gatewaydoctor.ocr;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the OCR work in flight: {@code workers} images are read at once (one Tesseract process per
 * core), at most {@code queue} more wait, and everything beyond is refused at once with
 * {@link OcrException.Reason#BUSY} and a hint of when to retry. A request takes its place
 * ({@link #enter()}) before its upload is read, so a burst of uploads cannot fill the memory either.
 * Thread-safe.
 */
public final class OcrQueue {

    private final Semaphore workers;
    private final int workerCount;
    private final int capacity;
    private final Duration maxWait;
    private final AtomicInteger admitted = new AtomicInteger();
    /** Moving average of one job's duration, for Retry-After. */
    private volatile double averageSeconds = 1;

    /**
     * @param workers jobs run at the same time
     * @param queue jobs that may wait for a worker
     * @param maxWait the longest a job waits for a worker before it is refused
     */
    public OcrQueue(int workers, int queue, Duration maxWait) {
        if (workers < 1 || queue < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and queue >= 0");
        }
        this.workers = new Semaphore(workers, true);
        this.workerCount = workers;
        this.capacity = workers + queue;
        this.maxWait = maxWait;
    }

    /** A job that may fail the way reading an image fails. */
    public interface Job<T> {
        T run() throws OcrException, InterruptedException;
    }

    /** A place in the queue, from before the upload is read until the answer; close it to leave. */
    public final class Ticket implements AutoCloseable {
        private boolean closed;

        private Ticket() {}

        /** Runs {@code job} once a worker is free; refused when none frees up within the wait. */
        public <T> T run(Job<T> job) throws OcrException, InterruptedException {
            if (closed) {
                throw new IllegalStateException("the ticket was closed");
            }
            if (!workers.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
            long start = System.nanoTime();
            try {
                return job.run();
            } finally {
                workers.release();
                double took = (System.nanoTime() - start) / 1e9;
                averageSeconds = 0.8 * averageSeconds + 0.2 * took;
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                admitted.decrementAndGet();
            }
        }
    }

    /** A place in the queue, or {@link OcrException.Reason#BUSY} when it is full. */
    public Ticket enter() throws OcrException {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw busy();
        }
        return new Ticket();
    }

    /** Requests holding a place: running, waiting or still uploading. */
    public int admitted() {
        return admitted.get();
    }

    /** Seconds after which a refused request may find a place: the queue's work spread over the workers. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(averageSeconds * Math.max(1, admitted.get()) / workerCount));
    }

    private OcrException busy() {
        long retry = retryAfterSeconds();
        return new OcrException(OcrException.Reason.BUSY,
                "too many images are being read right now: try again in " + retry + " s",
                Map.of("retry_after", retry));
    }
}
