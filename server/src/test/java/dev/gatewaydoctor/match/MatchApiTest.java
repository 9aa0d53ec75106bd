package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MatchApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void get_and_post_return_the_same_ranked_results() {
        String q = "502 Bad Gateway\nnginx";
        JsonNode get = server.get("/api/match?limit=2&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).json();
        JsonNode post = server.post("/api/match", Map.of("text", q, "limit", 2)).json();
        assertEquals(get, post);
        assertTrue(get.get("matched").asBoolean());
        int n = get.get("results").size();
        assertTrue(n >= 1 && n <= 2, "limit respected: " + n);
        JsonNode first = get.get("results").get(0);
        assertEquals("502-nginx", first.get("id").asText());
        assertFalse(first.get("title").asText().isBlank());
        double s0 = first.get("score").asDouble();
        assertTrue(s0 > 0 && s0 <= 1);
        if (n == 2) {
            assertTrue(get.get("results").get(1).get("score").asDouble() <= s0);
        }
        JsonNode wide = server.get("/api/match?limit=5&q=" + URLEncoder.encode("bad gateway", StandardCharsets.UTF_8)).json();
        for (int i = 1; i < wide.get("results").size(); i++) {
            assertTrue(wide.get("results").get(i).get("score").asDouble() <= wide.get("results").get(i - 1).get("score").asDouble());
        }
        assertTrue(get.get("evidence").isArray());
    }

    @Test
    void out_of_scope_text_comes_back_unmatched() {
        JsonNode r = server.get("/api/match?q=hi").json();
        assertFalse(r.get("matched").asBoolean());
    }

    @Test
    void empty_text_is_a_400() {
        assertEquals(400, server.get("/api/match").status());
        assertEquals(400, server.get("/api/match?q=%20%20").status());
        TestServer.Response r = server.post("/api/match", Map.of("text", ""));
        assertEquals(400, r.status());
        assertTrue(r.json().get("error").asText().contains("empty"));
    }

    @Test
    void text_over_64_kb_is_a_413() {
        TestServer.Response r = server.post("/api/match", Map.of("text", "a ".repeat(40_000)));
        assertEquals(413, r.status());
        assertTrue(r.json().get("error").asText().contains("limit"));
        assertEquals(413, server.postRaw("/api/match", "application/json", new byte[1_000_000]).status());
    }

    @Test
    void bad_limits_and_bodies_are_400s() {
        assertEquals(400, server.get("/api/match?q=502&limit=0").status());
        assertEquals(400, server.get("/api/match?q=502&limit=abc").status());
        assertEquals(400, server.get("/api/match?q=502&limit=1000").status());
        assertEquals(400, server.post("/api/match", Map.of("text", 502)).status());
        assertEquals(400, server.postRaw("/api/match", "application/json", "[1,2]".getBytes(StandardCharsets.UTF_8)).status());
    }
}
