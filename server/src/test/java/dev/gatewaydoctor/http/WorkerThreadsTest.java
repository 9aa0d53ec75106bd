package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.TestServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A burst of connections is served by a bounded pool of worker threads: they wait as tasks rather
 * than each becoming a thread that competes with /health for the CPU.
 */
class WorkerThreadsTest {

    @Test
    void a_burst_of_three_hundred_cheap_requests_is_answered_by_at_most_the_configured_threads() throws Exception {
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_MAX_THREADS", "16"))) {
            int port = server.app().port();
            ExecutorService clients = Executors.newFixedThreadPool(300);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    String path = i % 2 == 0 ? "/api/kb/502-nginx" : "/widget.js";
                    answers.add(clients.submit(() -> {
                        try (Socket s = RawHttp.open(port, 20_000)) {
                            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                            return RawHttp.read(s.getInputStream()).status();
                        }
                    }));
                }
                int most = 0;
                for (Future<Integer> a : answers) {
                    most = Math.max(most, httpThreads());
                    assertEquals(200, a.get());
                }
                assertTrue(most > 0 && most <= 16, most + " worker threads");
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void too_few_threads_for_jetty_s_own_is_refused_with_the_setting_s_name() {
        Settings settings = Settings.defaults().withEnv(Map.of("GATEWAY_DOCTOR_MAX_THREADS", "4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerLimits.from(settings));
        assertTrue(e.getMessage().contains("GATEWAY_DOCTOR_MAX_THREADS"), e.getMessage());
    }

    private static int httpThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("http-")).count();
    }
}
