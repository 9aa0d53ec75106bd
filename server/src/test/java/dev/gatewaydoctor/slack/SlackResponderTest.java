package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackResponderTest {

    HttpServer server;
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger received = new AtomicInteger();
    String prefix;

    /** A response_url that holds every request until released, as a slow or hung endpoint would. */
    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        prefix = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    static SlackMessage message() {
        return SlackMessage.replacing("t", BlockKit.notice("hello"));
    }

    @Test
    void a_full_queue_refuses_new_updates_instead_of_growing() throws Exception {
        try (SlackResponder responder = new SlackResponder(prefix, Duration.ofSeconds(2), Duration.ofSeconds(10), 1, 2)) {
            String url = prefix + "actions/1";
            assertTrue(responder.submit(url, SlackResponderTest::message), "the worker takes the first");
            Thread.sleep(200);
            assertTrue(responder.submit(url, SlackResponderTest::message), "the queue takes the second");
            assertTrue(responder.submit(url, SlackResponderTest::message), "and the third");
            assertFalse(responder.submit(url, SlackResponderTest::message), "a full queue says no at once");
            release.countDown();
            for (int i = 0; i < 100 && received.get() < 3; i++) {
                Thread.sleep(50);
            }
            assertEquals(3, received.get());
        }
    }

    @Test
    void a_response_url_that_never_answers_is_given_up_after_the_request_timeout() {
        try (SlackResponder responder = new SlackResponder(prefix, Duration.ofSeconds(2), Duration.ofMillis(300), 1, 1)) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> responder.post(prefix + "actions/1", message()));
        }
    }

    @Test
    void only_urls_under_the_configured_prefix_are_allowed() {
        try (SlackResponder slack = new SlackResponder(SlackResponder.DEFAULT_PREFIX)) {
            assertTrue(slack.allows("https://hooks.slack.com/actions/T1/123/abc"));
            for (String url : List.of("https://hooks.slack.com.attacker.example/x", "http://hooks.slack.com/actions/1",
                    "https://attacker.example/?u=https://hooks.slack.com/", "https://hooks.slack.com", "",
                    "https://hooks.slack.com/a b", "https://hooks.slack.com/" + "x".repeat(2000))) {
                assertFalse(slack.allows(url), url);
            }
            assertFalse(slack.allows(null));
            assertThrows(IllegalArgumentException.class, () -> slack.submit("https://attacker.example/", SlackResponderTest::message));
        }
        for (String bad : List.of("https://hooks.slack.com", "ftp://hooks.slack.com/", "hooks.slack.com/", "https://u:p@hooks.slack.com/")) {
            var e = assertThrows(IllegalArgumentException.class, () -> new SlackResponder(bad), bad);
            assertTrue(e.getMessage().contains(SlackResponder.PREFIX_ENV));
        }
    }
}
