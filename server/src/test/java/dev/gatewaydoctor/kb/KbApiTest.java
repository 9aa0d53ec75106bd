package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class KbApiTest {

    public static final List<String> REQUIRED = List.of("502-generic", "502-nginx", "php-fpm-not-running", "php-fpm-socket",
            "php-fpm-timeout", "502-cloudflare", "wordpress-plugin-theme", "host-server", "dns", "browser-cache",
            "502-seo", "504-gateway-timeout", "503-service-unavailable", "502-apache-proxy");

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
    void health_answers_ok() {
        TestServer.Response r = server.get("/health");
        assertEquals(200, r.status());
        assertEquals("ok", r.json().get("status").asText());
    }

    @Test
    void kb_lists_every_required_entry() {
        JsonNode body = server.get("/api/kb").json();
        Set<String> ids = new HashSet<>();
        body.get("entries").forEach(e -> {
            ids.add(e.get("id").asText());
            assertFalse(e.get("title").asText().isBlank());
            assertTrue(e.get("codes").isArray());
            assertTrue(e.get("tags").isArray());
        });
        assertTrue(ids.containsAll(REQUIRED), "missing: " + REQUIRED.stream().filter(i -> !ids.contains(i)).toList());
    }

    @Test
    void one_entry_is_served_field_by_field_from_its_file() {
        Entry entry = TestServer.bundledKb().expectEntry("php-fpm-socket");
        TestServer.Response r = server.get("/api/kb/php-fpm-socket");
        assertEquals(200, r.status());
        JsonNode e = r.json();
        assertEquals("php-fpm-socket", e.get("id").asText());
        assertEquals(entry.title(), e.get("title").asText());
        assertEquals(entry.codes().get(0).intValue(), e.get("codes").get(0).asInt());
        assertEquals(entry.variants().size(), e.get("variants").size());
        assertEquals(entry.variants().get(0), e.get("variants").get(0).asText());
        assertEquals(entry.audience().get(0).key(), e.get("audience").get(0).asText());
        assertEquals(entry.tags(), TestServer.JSON.convertValue(e.get("tags"), List.class));
        assertEquals(entry.related(), TestServer.JSON.convertValue(e.get("related"), List.class));
        assertEquals(entry.evidence().size(), e.get("evidence").size());
        assertEquals(entry.flow().root(), e.get("flow").get("root").asText());
        JsonNode nodes = e.get("flow").get("nodes");
        assertEquals(entry.flow().nodes().size(), nodes.size());
        JsonNode root = nodes.get(0);
        Node rootNode = entry.flow().rootNode();
        assertEquals(rootNode.id(), root.get("id").asText());
        assertEquals("question", root.get("kind").asText());
        assertEquals(rootNode.title(), root.get("title").asText());
        assertEquals(rootNode.text(), root.get("text").asText());
        assertTrue(root.get("html").asText().startsWith("<"), root.get("html").asText());
        assertEquals(rootNode.options().size(), root.get("options").size());
        assertEquals(rootNode.options().get(0).label(), root.get("options").get(0).get("label").asText());
        assertEquals(rootNode.options().get(0).id(), root.get("options").get(0).get("id").asText());
        boolean fix = false;
        for (JsonNode n : nodes) {
            fix |= n.get("kind").asText().equals("fix") && n.get("options").isEmpty();
        }
        assertTrue(fix, "php-fpm-socket has a fix node");
    }

    @Test
    void unknown_entry_is_a_404_with_a_json_error() {
        TestServer.Response r = server.get("/api/kb/no-such-entry");
        assertEquals(404, r.status());
        assertTrue(r.json().get("error").asText().contains("no-such-entry"));
    }

    @Test
    void unknown_route_is_a_json_404() {
        TestServer.Response r = server.get("/nothing/here");
        assertEquals(404, r.status());
        assertTrue(r.json().has("error"));
    }

    @Test
    void script_in_a_node_does_not_survive_rendering(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hostile.md"), """
                ---
                id: hostile
                title: Hostile markup
                variants: ["hostile"]
                ---

                # Hostile markup

                ## <a id="start"></a>Start

                Try this <script>alert(1)</script> and <img src=x onerror="alert(2)"> and
                [a link](javascript:alert(3)) but keep **bold** and `code`.
                """);
        Kb kb = KbLoader.load(List.of(dir));
        try (TestServer hostile = new TestServer(kb, Map.of())) {
            String html = hostile.get("/api/kb/hostile").json().get("flow").get("nodes").get(0).get("html").asText();
            assertFalse(html.contains("<script"), html);
            assertFalse(html.contains("alert(1)"), html);
            assertFalse(html.contains("onerror"), html);
            assertFalse(html.contains("javascript:"), html);
            assertTrue(html.contains("<strong>bold</strong>"), html);
            assertTrue(html.contains("<code>code</code>"), html);
        }
    }
}
