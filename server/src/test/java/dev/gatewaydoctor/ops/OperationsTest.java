package dev.gatewaydoctor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Request ids, the access log, rate limits, readiness and metrics, over real HTTP. */
class OperationsTest {

    @Test
    void generated_request_ids_are_distinct_version_4_uuids() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestLog.fresh();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertEquals(id, uuid.toString());
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }

    @Test
    void a_well_formed_request_id_is_kept_and_anything_else_is_replaced() {
        try (TestServer server = new TestServer()) {
            TestServer.Response kept = server.send(HttpRequest.newBuilder(server.uri("/health")).header("X-Request-Id", "abc-123.x_y:z"));
            assertEquals("abc-123.x_y:z", kept.header("X-Request-Id"));
            TestServer.Response replaced = server.send(HttpRequest.newBuilder(server.uri("/health"))
                    .header("X-Request-Id", "two words\tand a tab " + "x".repeat(200)));
            assertTrue(replaced.header("X-Request-Id").matches("[0-9a-f-]{36}"), replaced.header("X-Request-Id"));
            TestServer.Response generated = server.get("/api/kb");
            assertTrue(generated.header("X-Request-Id").matches("[0-9a-f-]{36}"));
            assertNotEquals(generated.header("X-Request-Id"), server.get("/api/kb").header("X-Request-Id"));
        }
    }

    @Test
    void the_access_line_has_route_status_duration_and_id_but_never_the_pasted_text() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        root.addAppender(seen);
        root.setLevel(Level.INFO);
        String pasted = "secret-paste-7f3a 502 Bad Gateway nginx";
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_API_KEYS", "key-0123456789abcdef"))) {
            server.send(HttpRequest.newBuilder(server.uri("/api/match?q=" + pasted.replace(" ", "+"))).header("X-Request-Id", "req-42"));
            server.post("/api/chat", Map.of("message", pasted));
            server.send(HttpRequest.newBuilder(server.uri("/api/tickets")).header("Authorization", "Bearer key-0123456789abcdef")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"x\",\"body\":\"" + pasted + "\"}")));
        } finally {
            root.detachAppender(seen);
            root.setLevel(before);
        }
        ILoggingEvent line = seen.list.stream().filter(e -> e.getLoggerName().equals("access")
                && "req-42".equals(e.getMDCPropertyMap().get("request_id"))).findFirst().orElseThrow();
        String text = line.getFormattedMessage();
        assertTrue(text.contains("route=/api/match") && text.contains("status=200") && text.contains("duration_ms="), text);
        for (ILoggingEvent e : seen.list) {
            String all = e.getFormattedMessage() + Arrays.toString(e.getArgumentArray()) + e.getMDCPropertyMap();
            assertFalse(all.contains("secret-paste") || all.contains("key-0123456789abcdef"), "logged: " + all);
        }
    }

    @Test
    void over_the_limit_a_client_gets_429_with_retry_after_and_health_is_never_limited() {
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, server.post("/api/match", Map.of("text", "502 Bad Gateway")).status());
            }
            TestServer.Response refused = server.post("/api/chat", Map.of("message", "502 Bad Gateway"));
            assertEquals(429, refused.status(), refused.body());
            assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
            assertTrue(refused.json().get("error").asText().contains("too many requests"));
            assertTrue(refused.json().get("retry_after").asInt() >= 1);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, server.get("/health").status());
                assertEquals(200, server.get("/ready").status());
            }
            assertEquals(200, server.get("/api/kb").status(), "reading the KB costs nothing and is not limited");
            assertTrue(server.get("/metrics").body().contains("gateway_doctor_rate_limited_total{route=\"/api/chat\"} 1.0"));
        }
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket() {
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "2",
                "GATEWAY_DOCTOR_TRUSTED_PROXIES", "127.0.0.1,::1"))) {
            for (String client : new String[] {"203.0.113.7", "198.51.100.9"}) {
                for (int i = 0; i < 2; i++) {
                    assertEquals(200, matchFrom(server, client + ", 10.0.0.1").status());
                }
            }
            assertEquals(429, matchFrom(server, "203.0.113.7").status());
        }
        // Without trust the header is ignored: all these requests are the same client.
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "2"))) {
            assertEquals(200, matchFrom(server, "203.0.113.1").status());
            assertEquals(200, matchFrom(server, "203.0.113.2").status());
            assertEquals(429, matchFrom(server, "203.0.113.3").status());
        }
    }

    private static TestServer.Response matchFrom(TestServer server, String forwardedFor) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/match?q=502")).header("X-Forwarded-For", forwardedFor));
    }

    @Test
    void client_addresses_come_from_trusted_proxies_only() {
        ClientAddress clients = ClientAddress.parse("10.0.0.0/8, 127.0.0.1, 2001:db8::/32");
        assertEquals("203.0.113.7", clients.of("10.1.2.3", "203.0.113.7, 10.0.0.9"));
        assertEquals("203.0.113.7", clients.of("2001:db8::1", "203.0.113.7"));
        assertEquals("192.0.2.1", clients.of("192.0.2.1", "203.0.113.7"));
        assertEquals("10.1.2.3", clients.of("10.1.2.3", "not-an-address"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.parse("proxy.example.com"));
        assertThrows(IllegalArgumentException.class, () -> ClientAddress.parse("10.0.0.0/33"));
    }

    @Test
    void ready_answers_503_with_the_reason_once_draining_while_health_stays_200() {
        try (TestServer server = new TestServer()) {
            JsonNode ready = server.get("/ready").json();
            assertEquals("ready", ready.get("status").asText());
            assertEquals(TestServer.bundledKb().size(), ready.at("/checks/kb/entries").asInt(), ready.toString());
            server.app().operations().readiness().drain();
            TestServer.Response draining = server.get("/ready");
            assertEquals(503, draining.status());
            assertEquals("draining", draining.json().get("status").asText());
            assertTrue(draining.json().get("error").asText().contains("shutting down"));
            assertEquals(200, server.get("/health").status());
        }
    }

    @Test
    void a_failing_check_makes_the_replica_unready_and_names_the_check() {
        try (TestServer server = new TestServer()) {
            server.app().operations().readiness().add("outcomes", () -> Readiness.Status.failing("database unreachable"));
            TestServer.Response r = server.get("/ready");
            assertEquals(503, r.status());
            assertEquals("not_ready", r.json().get("status").asText());
            assertEquals("database unreachable", r.json().at("/checks/outcomes/problem").asText());
            assertTrue(r.json().get("error").asText().contains("outcomes"));
        }
    }

    @Test
    void metrics_show_requests_by_route_and_the_domain_counters_after_a_few_requests() {
        try (TestServer server = new TestServer()) {
            server.post("/api/match", Map.of("text", "502 Bad Gateway nginx"));
            server.post("/api/match", Map.of("text", "how do I bake bread"));
            server.post("/api/chat", Map.of("message", "502 Bad Gateway nginx"));
            server.get("/api/kb/502-nginx");
            server.get("/no/such/page/12345");
            TestServer.Response m = server.get("/metrics");
            assertEquals(200, m.status());
            assertTrue(m.header("Content-Type").startsWith("text/plain"));
            String body = m.body();
            for (String expected : new String[] {
                    "http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",route=\"/api/match\",status=\"200\"} 2",
                    "route=\"/api/kb/{id}\"",
                    "route=\"unmatched\",status=\"404\"",
                    "gateway_doctor_matches_total{entry=\"502-nginx\",matched=\"true\"} 1.0",
                    "matched=\"false\"",
                    "gateway_doctor_match_confidence_bucket{le=\"0.5\"}",
                    "gateway_doctor_chat_turns_total{outcome=\"question\"} 1.0",
                    "gateway_doctor_kb_entries " + TestServer.bundledKb().size() + ".0",
                    "gateway_doctor_kb_reloads_refused_total 0.0",
                    "gateway_doctor_ocr_queue_depth 0.0",
                    "jetty_threads_busy",
                    "jetty_connections_current",
                    "jvm_memory_used_bytes"}) {
                assertTrue(body.contains(expected), "missing " + expected);
            }
            assertFalse(body.contains("/no/such/page"), "raw paths never become series");
        }
    }
}
