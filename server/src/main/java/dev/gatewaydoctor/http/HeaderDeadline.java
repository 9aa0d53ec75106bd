package dev.gatewaydoctor.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection that has not sent a whole request head within the deadline of its opening.
 * The idle timeout alone never fires on a client that sends one header byte every few seconds.
 * Later requests on a kept-alive connection are bounded by the idle timeout only.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long millis;

    HeaderDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.millis = deadline.toMillis();
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(() -> {
            // getMessagesIn counts request heads parsed: zero means the first one never completed.
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                connection.getEndPoint().close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }
}
