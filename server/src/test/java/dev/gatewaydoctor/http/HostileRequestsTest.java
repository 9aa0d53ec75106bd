package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed requests written on raw sockets: every one is answered with a JSON error, never HTML or a 500. */
class HostileRequestsTest {

    static TestServer server;
    static int port;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("SLACK_SIGNING_SECRET", "0123456789abcdef0123456789abcdef",
                "GATEWAY_DOCTOR_API_KEYS", "a-ticket-key-0123456789"));
        port = server.app().port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode jsonError(RawHttp.Answer a, int status) throws IOException {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.header("Content-Type").startsWith("application/json"), a.header("Content-Type") + ": " + a.body());
        JsonNode body = TestServer.JSON.readTree(a.body());
        assertNotNull(body.get("error"), a.body());
        assertTrue(!a.body().contains("at org.") && !a.body().contains("Exception"), a.body());
        return body;
    }

    @Test
    void a_malformed_chunk_size_is_a_400_on_every_route_before_any_signature_check() throws IOException {
        for (String path : List.of("/api/match", "/api/chat", "/api/tickets", "/api/tickets/zendesk", "/api/ocr",
                "/slack/commands", "/slack/interactions")) {
            RawHttp.Answer a = RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            JsonNode body = jsonError(a, 400);
            assertTrue(body.get("error").asText().contains("malformed"), path + ": " + a.body());
        }
    }

    @Test
    void errors_of_the_http_parser_are_json_with_their_status() throws IOException {
        jsonError(RawHttp.send(port, "GET /%2e%2e/x HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
        jsonError(RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\0b\r\n\r\n"), 400);
        jsonError(RawHttp.send(port, "GET /health HTTP/9.9\r\nHost: localhost\r\n\r\n"), 505);
        jsonError(RawHttp.send(port, "GET /api/match?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414);
        jsonError(RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"), 431);
        jsonError(RawHttp.send(port, "POST /api/match HTTP/1.1\r\nHost: localhost\r\nExpect: the-impossible\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"), 417);
        jsonError(RawHttp.send(port, "GARBAGE\r\n\r\n"), 400);
    }

    @Test
    void escaped_text_counts_against_the_limit_as_decoded_on_match_as_on_chat() throws IOException {
        // 33,316 newlines are 33 KB of text but 66 KB of JSON; 22,204 é are 44 KB, 133 KB as \\u00e9.
        for (String text : List.of("502 Bad Gateway" + "\n".repeat(33_316), "502 Bad Gateway " + "é".repeat(22_204))) {
            StringBuilder json = new StringBuilder("{\"text\": \"");
            for (char c : text.toCharArray()) {
                json.append(c == '\n' ? "\\n" : c > 127 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            byte[] body = json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
            assertTrue(body.length > 64 * 1024);
            assertEquals(200, server.postRaw("/api/match", "application/json", body).status());
            assertEquals(200, server.postRaw("/api/chat", "application/json",
                    new String(body, StandardCharsets.UTF_8).replace("\"text\"", "\"message\"").getBytes(StandardCharsets.UTF_8)).status());
        }
        String over = "x".repeat(64 * 1024 + 1);
        assertEquals(413, server.post("/api/match", Map.of("text", over)).status());
    }

    @Test
    void every_response_carries_the_security_headers_that_fit_its_route() {
        TestServer.Response page = server.get("/");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'self'"), page.header("Content-Security-Policy"));
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"));
        for (String path : List.of("/", "/health", "/api/kb", "/api/match?q=502", "/widget.js", "/no/such/thing")) {
            TestServer.Response r = server.get(path);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("no-referrer", r.header("Referrer-Policy"), path);
        }
        for (String path : List.of("/health", "/api/kb", "/api/match?q=", "/no/such/thing")) {
            assertEquals(SecurityHeaders.API_POLICY, server.get(path).header("Content-Security-Policy"), path);
        }
    }
}
