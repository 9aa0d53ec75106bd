package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OcrQueueTest {

    @Test
    void requests_beyond_the_workers_and_the_queue_are_refused_at_once_with_a_retry_hint() throws Exception {
        OcrQueue queue = new OcrQueue(1, 1, Duration.ofSeconds(5));
        OcrQueue.Ticket first = queue.enter();
        OcrQueue.Ticket second = queue.enter();
        OcrException e = assertThrows(OcrException.class, queue::enter);
        assertEquals(OcrException.Reason.BUSY, e.reason());
        assertTrue(((Long) e.details().get("retry_after")) >= 1);
        first.close();
        queue.enter().close();
        second.close();
        assertEquals(0, queue.admitted());
    }

    @Test
    void a_queued_job_runs_as_soon_as_the_worker_is_free() throws Exception {
        OcrQueue queue = new OcrQueue(1, 1, Duration.ofSeconds(10));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try (OcrQueue.Ticket t = queue.enter()) {
                return t.run(() -> {
                    running.countDown();
                    release.await();
                    return "first";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            try (OcrQueue.Ticket t = queue.enter()) {
                return t.run(() -> "second");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertTrue(!second.isDone(), "the second job ran while the only worker was busy");
        release.countDown();
        assertEquals("first", first.get(5, TimeUnit.SECONDS));
        assertEquals("second", second.get(5, TimeUnit.SECONDS));
        assertEquals(0, queue.admitted());
    }

    @Test
    void a_job_that_cannot_get_a_worker_in_time_is_refused() throws Exception {
        OcrQueue queue = new OcrQueue(1, 1, Duration.ofMillis(100));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> busy = CompletableFuture.runAsync(() -> {
            try (OcrQueue.Ticket t = queue.enter()) {
                t.run(() -> {
                    running.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        try (OcrQueue.Ticket t = queue.enter()) {
            OcrException e = assertThrows(OcrException.class, () -> t.run(() -> "never"));
            assertEquals(OcrException.Reason.BUSY, e.reason());
        } finally {
            release.countDown();
            busy.get(5, TimeUnit.SECONDS);
        }
    }
}
