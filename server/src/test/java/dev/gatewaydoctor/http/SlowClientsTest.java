package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Clients that send slowly hold a connection at most, never a worker, and not for long. */
class SlowClientsTest {

    static TestServer server;
    static int port;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("GATEWAY_DOCTOR_HEADER_TIMEOUT", "1"));
        port = server.app().port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static final String SLOW_HEAD = "POST /api/match HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n{";

    /** /health on a fresh connection, answered within a second. */
    static void healthAnswersAtOnce() throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = RawHttp.open(port, 5000)) {
            s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, RawHttp.read(s.getInputStream()).status());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "/health took " + ms + " ms");
    }

    @Test
    void two_hundred_fifty_bodies_sent_a_byte_a_second_do_not_stop_health_answering() throws Exception {
        server.get("/health"); // warm: the first request of a fresh JVM pays for class loading
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket s = RawHttp.open(port, 5000);
                s.getOutputStream().write(SLOW_HEAD.getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (int second = 0; second < 3; second++) {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(' ');
                    } catch (IOException closedByServer) {
                        // refused as too slow: that is allowed too
                    }
                }
                healthAnswersAtOnce();
                Thread.sleep(1000);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void a_body_below_the_minimum_rate_is_refused_with_408_after_the_grace_period() throws Exception {
        try (Socket s = RawHttp.open(port, 15_000)) {
            s.getOutputStream().write(SLOW_HEAD.getBytes(StandardCharsets.US_ASCII));
            long t0 = System.nanoTime();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 30; i++) {
                        Thread.sleep(500);
                        s.getOutputStream().write(' ');
                    }
                } catch (IOException | InterruptedException done) {
                    // the server answered and closed
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            long seconds = (System.nanoTime() - t0) / 1_000_000_000;
            assertEquals(408, a.status(), a.body());
            assertTrue(a.body().contains("too slowly"), a.body());
            assertTrue(seconds >= 4 && seconds <= 10, seconds + " s");
        }
    }

    @Test
    void a_request_head_sent_a_byte_at_a_time_is_cut_at_the_header_deadline() throws Exception {
        try (Socket s = RawHttp.open(port, 10_000)) {
            long t0 = System.nanoTime();
            byte[] head = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            InputStream in = s.getInputStream();
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    s.getOutputStream().write(head[Math.min(i, head.length - 1)]);
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                    closed = in.available() == 0 && isClosed(s);
                } catch (IOException reset) {
                    closed = true;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(closed, "the connection is still open after " + ms + " ms");
            assertTrue(ms < 4000, ms + " ms");
        }
    }

    /** Whether the peer closed: a read that returns at once with end of stream. */
    private static boolean isClosed(Socket s) throws IOException {
        int old = s.getSoTimeout();
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException open) {
            return false;
        } finally {
            s.setSoTimeout(old);
        }
    }
}
