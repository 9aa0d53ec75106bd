package dev.gatewaydoctor.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import dev.gatewaydoctor.kb.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChatApiTest {

    static final String KEY = "test-state-key-0123456789";
    static final String SOCKET_LOG = "2024/05/14 10:21:07 [crit] 1234#1234: *5678 connect() to unix:/run/php/php8.2-fpm.sock "
            + "failed (2: No such file or directory) while connecting to upstream, client: 203.0.113.7, server: example.com, "
            + "request: \"GET / HTTP/1.1\", upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\", host: \"example.com\"";
    static final String NGINX_PAGE = "502 Bad Gateway\n502 Bad Gateway\nnginx/1.24.0";

    static TestServer server;
    static Kb kb;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("GATEWAY_DOCTOR_STATE_KEY", KEY));
        kb = TestServer.bundledKb();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode chat(Map<String, Object> body) {
        TestServer.Response r = server.post("/api/chat", body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static JsonNode say(String message) {
        return chat(Map.of("message", message));
    }

    static JsonNode choose(JsonNode reply, String choice) {
        return chat(Map.of("state", reply.get("state").asText(), "choice", choice));
    }

    static List<String> optionIds(JsonNode reply) {
        List<String> ids = new ArrayList<>();
        reply.get("node").get("options").forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    @Test
    void the_socket_log_line_lands_directly_on_the_socket_fix() {
        JsonNode r = say(SOCKET_LOG);
        assertTrue(r.get("matched").asBoolean());
        assertEquals("php-fpm-socket", r.get("entry").get("id").asText());
        assertEquals("fix", r.get("node").get("kind").asText(), r.toString());
        assertTrue(r.get("skipped").size() >= 1, r.toString());
        assertFalse(r.get("skipped").get(0).get("question").asText().isBlank());
        assertFalse(r.get("say").asText().isBlank());
        assertEquals(List.of(Conversation.FIXED, Conversation.NOT_FIXED), optionIds(r));
        assertEquals("Did this fix it?", r.get("node").get("prompt").asText());
        assertTrue(r.get("can_go_back").asBoolean());
    }

    @Test
    void the_nginx_page_walks_to_each_php_fpm_cause() {
        JsonNode first = say(NGINX_PAGE);
        assertEquals("502-nginx", first.get("entry").get("id").asText());
        for (String cause : List.of("php-fpm-not-running", "php-fpm-socket", "php-fpm-timeout")) {
            List<String> path = pathToEntry(kb.expectEntry("502-nginx"), first.get("node").get("id").asText(), cause)
                    .orElseThrow(() -> new AssertionError("502-nginx has no path to " + cause));
            JsonNode r = first;
            for (String choice : path) {
                assertTrue(optionIds(r).contains(choice), choice + " offered at " + r.get("node"));
                r = choose(r, choice);
            }
            assertEquals(cause, r.get("entry").get("id").asText());
            r = walkToFix(r);
            assertEquals("fix", r.get("node").get("kind").asText());
            assertEquals(cause, r.get("entry").get("id").asText());
        }
    }

    @Test
    void a_cloudflare_page_starts_the_cloudflare_flow() {
        JsonNode r = say("""
                Bad gateway Error code 502
                Visit cloudflare.com for more information.
                2024-05-14 10:21:07 UTC
                You
                Browser
                Working
                Amsterdam
                Cloudflare
                Working
                example.com
                Host
                Error
                What happened?
                The web server reported a bad gateway error.
                What can I do?
                Please try again in a few minutes.
                Cloudflare Ray ID: 7d2a1b3c4e5f6a7b • Your IP: Click to reveal • Performance & security by Cloudflare
                """);
        assertTrue(r.get("matched").asBoolean());
        assertEquals("502-cloudflare", r.get("entry").get("id").asText());
        assertFalse(r.get("evidence").isEmpty(), "Cloudflare evidence reported");
        assertTrue(List.of("fix", "end").contains(walkToFix(r).get("node").get("kind").asText()));
    }

    @Test
    void a_wordpress_plugin_question_starts_the_plugin_flow() {
        JsonNode r = say("my wordpress site shows bad gateway since I installed a plugin yesterday, what do I do?");
        assertTrue(r.get("matched").asBoolean(), r.toString());
        assertEquals("wordpress-plugin-theme", r.get("entry").get("id").asText());
    }

    @Test
    void hi_is_not_matched_and_offers_candidates() {
        JsonNode r = say("hi");
        assertFalse(r.get("matched").asBoolean());
        assertEquals("question", r.get("node").get("kind").asText());
        List<String> options = optionIds(r);
        assertFalse(options.isEmpty(), "candidates offered");
        assertTrue(options.stream().allMatch(o -> o.startsWith(Conversation.ENTRY_PREFIX)), options.toString());
        assertTrue(r.get("node").get("text").asText().toLowerCase().contains("screenshot"));
        // picking a candidate starts its flow
        JsonNode picked = choose(r, options.get(0));
        assertTrue(picked.get("matched").asBoolean());
        assertEquals(options.get(0).substring(Conversation.ENTRY_PREFIX.length()), picked.get("entry").get("id").asText());
    }

    @Test
    void a_typed_answer_takes_the_branch_and_a_new_problem_offers_a_switch() {
        JsonNode first = say(NGINX_PAGE);
        JsonNode root = first.get("node");
        String label = root.get("options").get(0).get("label").asText();
        JsonNode byLabel = chat(Map.of("state", first.get("state").asText(), "message", label));
        JsonNode byChoice = choose(first, root.get("options").get(0).get("id").asText());
        assertEquals(byChoice.get("node").get("id").asText(), byLabel.get("node").get("id").asText());

        JsonNode other = chat(Map.of("state", first.get("state").asText(), "message",
                "Bad gateway Error code 502 Visit cloudflare.com for more information. Cloudflare Ray ID: 7d2a1b3c4e5f6a7b"));
        assertEquals(root.get("id").asText(), other.get("node").get("id").asText(), "still at the same question");
        assertTrue(optionIds(other).contains(Conversation.ENTRY_PREFIX + "502-cloudflare"), other.toString());
    }

    @Test
    void back_and_start_over_work_at_every_step() {
        JsonNode first = say(NGINX_PAGE);
        String rootId = first.get("node").get("id").asText();
        JsonNode next = choose(first, optionIds(first).get(0));
        JsonNode back = choose(next, Conversation.BACK);
        assertEquals(rootId, back.get("node").get("id").asText());
        assertEquals(optionIds(first), optionIds(back));
        assertFalse(back.get("can_go_back").asBoolean());
        JsonNode deep = walkToFix(next);
        JsonNode again = choose(deep, Conversation.START_OVER);
        assertEquals("502-nginx", again.get("entry").get("id").asText());
        assertEquals(rootId, again.get("node").get("id").asText());
        // back at the very first step says so instead of failing
        assertEquals(rootId, choose(again, Conversation.BACK).get("node").get("id").asText());
    }

    @Test
    void a_fix_that_did_not_help_leads_on_and_finally_to_a_handoff_summary() {
        JsonNode r = say(SOCKET_LOG);
        String firstFix = r.get("node").get("title").asText();
        JsonNode fixed = choose(r, Conversation.FIXED);
        assertEquals("end", fixed.get("node").get("kind").asText());

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200 && r.get("handoff").isNull(); i++) {
            String kind = r.get("node").get("kind").asText();
            List<String> options = optionIds(r);
            String choice;
            if (options.contains(Conversation.NOT_FIXED)) {
                choice = Conversation.NOT_FIXED;
            } else {
                String at = r.get("entry").isNull() ? "" : r.get("entry").get("id").asText() + "#" + r.get("node").get("id").asText();
                choice = options.stream().filter(o -> seen.add(at + ">" + o)).findFirst().orElse(options.get(0));
            }
            assertTrue(kind.equals("question") || options.contains(Conversation.NOT_FIXED), r.toString());
            r = choose(r, choice);
        }
        String summary = r.get("handoff").asText();
        assertEquals("end", r.get("node").get("kind").asText());
        assertTrue(summary.contains("php8.2-fpm.sock"), "pasted text in summary: " + summary);
        assertTrue(summary.contains(kb.expectEntry("php-fpm-socket").title()), summary);
        assertTrue(summary.contains(firstFix), summary);
        assertTrue(summary.contains("(from the pasted text)"), summary);
        assertTrue(summary.contains("did not help"), summary);
    }

    @Test
    void a_state_from_an_older_kb_restarts_gracefully() {
        StateCodec codec = new StateCodec(StateCodec.keyFrom(KEY));
        String gone = codec.encode(new State("502-nginx", "a-node-that-was-removed", "502-nginx", "502 Bad Gateway nginx",
                List.of(), List.of(), List.of()));
        JsonNode r = chat(Map.of("state", gone, "choice", "whatever"));
        assertEquals("502-nginx", r.get("entry").get("id").asText());
        assertEquals(kb.expectEntry("502-nginx").flow().root(), r.get("node").get("id").asText());
        assertTrue(r.get("say").asText().contains("updated"), r.get("say").asText());

        String entryGone = codec.encode(new State("retired-entry", "start", "retired-entry", "502 Bad Gateway",
                List.of(), List.of(), List.of()));
        JsonNode r2 = chat(Map.of("state", entryGone, "message", "yes"));
        assertFalse(r2.get("node").get("options").isEmpty());
        assertTrue(r2.get("say").asText().contains("updated"));
    }

    @Test
    void a_forged_or_malformed_state_is_rejected_with_400() {
        JsonNode r = say(NGINX_PAGE);
        String token = r.get("state").asText();
        StateCodec other = new StateCodec("another-key-entirely-0000".getBytes(StandardCharsets.UTF_8));
        String forged = other.encode(new State("502-nginx", "x", null, null, List.of(), List.of(), List.of()));
        String tampered = token.substring(0, token.indexOf('.')) + "A" + token.substring(token.indexOf('.'));
        for (String bad : List.of(forged, tampered, "not-a-state", "a.b", "x".repeat(20_000))) {
            TestServer.Response resp = server.post("/api/chat", Map.of("state", bad, "choice", "back"));
            assertEquals(400, resp.status(), bad);
            assertTrue(resp.json().get("error").asText().contains("state"), resp.body());
        }
    }

    @Test
    void bad_turns_get_400_with_a_json_error() {
        JsonNode r = say(NGINX_PAGE);
        String state = r.get("state").asText();
        assertEquals(400, server.post("/api/chat", Map.of("state", state, "choice", "no-such-option")).status());
        assertEquals(400, server.post("/api/chat", Map.of("state", state)).status());
        assertEquals(400, server.post("/api/chat", Map.of("state", state, "choice", "back", "message", "x")).status());
        assertEquals(400, server.post("/api/chat", Map.of("choice", "back")).status());
        assertEquals(400, server.post("/api/chat", Map.of("message", "  ")).status());
        assertEquals(400, server.post("/api/chat", Map.of("message", 42)).status());
        assertEquals(400, server.postRaw("/api/chat", "application/json", "{not json".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, server.postRaw("/api/chat", "application/json", new byte[0]).status());
        TestServer.Response big = server.post("/api/chat", Map.of("message", "x".repeat(70_000)));
        assertEquals(413, big.status());
        assertTrue(big.json().has("error"));
        // Bodies may be up to six times the text limit (JSON escaping), plus the state: past that, 413 unread.
        TestServer.Response huge = server.postRaw("/api/chat", "application/json", new byte[500_000]);
        assertEquals(413, huge.status());
    }

    @Test
    void every_node_of_every_tree_is_reachable_through_the_chat_api() {
        JsonNode hi = say("hi");
        int total = 0;
        for (Entry entry : kb.list()) {
            JsonNode root = choose(hi, Conversation.ENTRY_PREFIX + entry.id());
            assertEquals(entry.id(), root.get("entry").get("id").asText());
            Set<String> reached = new HashSet<>();
            ArrayDeque<JsonNode> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                JsonNode r = todo.pop();
                if (!r.get("entry").get("id").asText().equals(entry.id()) || !reached.add(r.get("node").get("id").asText())) {
                    continue;
                }
                Node node = entry.flow().node(r.get("node").get("id").asText()).orElseThrow();
                assertEquals(node.kind(), r.get("node").get("kind").asText());
                assertFalse(r.get("node").get("html").asText().isBlank());
                for (Option o : node.options()) {
                    JsonNode next = choose(r, o.id());
                    if (o.target() instanceof Target.Jump j) {
                        assertEquals(j.entry(), next.get("entry").get("id").asText(), o.id());
                    } else {
                        todo.push(next);
                    }
                }
            }
            assertEquals(entry.flow().nodes().keySet(), reached, entry.id());
            total += reached.size();
        }
        assertTrue(total > 40, "nodes walked: " + total);
    }

    /** Follows the first option until a fix (or an end) inside the current entry or those it leads to. */
    static JsonNode walkToFix(JsonNode r) {
        for (int i = 0; i < 30 && r.get("node").get("kind").asText().equals("question"); i++) {
            r = choose(r, optionIds(r).get(0));
        }
        return r;
    }

    /** Option ids from a node of an entry to a jump into {@code target}, by breadth-first search. */
    static Optional<List<String>> pathToEntry(Entry entry, String from, String target) {
        Map<String, List<String>> paths = new HashMap<>(Map.of(from, List.of()));
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.poll();
            for (Option o : entry.flow().node(id).orElseThrow().options()) {
                List<String> path = new ArrayList<>(paths.get(id));
                path.add(o.id());
                if (o.target() instanceof Target.Jump j && j.entry().equals(target)) {
                    return Optional.of(path);
                }
                if (o.target() instanceof Target.Step s && !paths.containsKey(s.node())) {
                    paths.put(s.node(), path);
                    todo.add(s.node());
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void state_tokens_stay_small_enough_for_slack_buttons() {
        JsonNode r = say(SOCKET_LOG + "\n" + "x".repeat(5000));
        for (int i = 0; i < 12 && r.get("handoff").isNull(); i++) {
            List<String> options = optionIds(r);
            r = choose(r, options.contains(Conversation.NOT_FIXED) ? Conversation.NOT_FIXED : options.get(0));
            assertNotNull(r.get("state"));
            assertTrue(r.get("state").asText().length() < 1900, "state length " + r.get("state").asText().length());
        }
    }
}
