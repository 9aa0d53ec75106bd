package dev.gatewaydoctor.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.App;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcome record over real HTTP, with a real SQLite file: every channel's turns leave the right rows. */
class OutcomesApiTest {

    static final Path KB = Path.of("server/src/test/resources/kb-widget");
    static final String ADMIN = "admin-key-for-tests-0123456789";
    static final String TICKETS = "ticket-key-for-tests-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves forward, to see conversations go quiet. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2025-03-10T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path data;
    final MovableClock clock = new MovableClock();
    final HttpClient http = HttpClient.newHttpClient();
    App app;

    App start(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("GATEWAY_DOCTOR_DATA", data.toString(),
                AdminController.ENV, ADMIN, "GATEWAY_DOCTOR_API_KEYS", TICKETS));
        env.putAll(extra);
        app = new App(new Settings("127.0.0.1", 0, List.of(KB), env), KbLoader.load(List.of(KB)), clock).start();
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    JsonNode chat(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = send("POST", "/api/chat", JSON.writeValueAsString(body), null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    JsonNode choose(JsonNode reply, String choice) throws Exception {
        return chat(Map.of("state", reply.get("state").asText(), "choice", choice));
    }

    HttpResponse<String> send(String method, String path, String body, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode admin(String path) throws Exception {
        assertTrue(app.outcomes().recorder().awaitWritten(Duration.ofSeconds(20)));
        HttpResponse<String> r = send("GET", path, null, "Bearer " + ADMIN);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    OutcomeStore.Rows rows() throws Exception {
        assertTrue(app.outcomes().recorder().awaitWritten(Duration.ofSeconds(20)));
        return app.outcomes().recorder().store().orElseThrow().since(Instant.EPOCH);
    }

    @Test
    void a_widget_conversation_to_fixed_leaves_its_start_steps_and_outcome() throws Exception {
        start(Map.of());
        JsonNode r = chat(Map.of("message", "502 Bad Gateway nginx", "channel", "widget"));
        assertEquals("app-running", r.at("/node/id").asText());
        r = choose(r, "start-app");
        r = choose(r, "fixed");
        assertEquals("fixed", r.at("/node/id").asText());

        OutcomeStore.Rows rows = rows();
        assertEquals(1, rows.conversations().size());
        OutcomeStore.ConversationRow c = rows.conversations().get(0);
        assertEquals("widget", c.channel());
        assertTrue(c.matched());
        assertEquals("upstream-down", c.entry());
        assertEquals("app-running", c.node());
        assertEquals(List.of("choice", "fixed"), rows.steps().stream().map(OutcomeStore.StepRow::kind).toList());
        assertEquals(List.of(1, 2), rows.steps().stream().map(OutcomeStore.StepRow::turn).toList());
        assertEquals(1, rows.outcomes().size());
        assertEquals("fixed", rows.outcomes().get(0).kind());
        assertEquals("start-app", rows.outcomes().get(0).node());

        JsonNode report = admin("/api/admin/report?since=7d");
        assertEquals(1, report.at("/totals/conversations").asInt());
        assertEquals(1, report.at("/totals/fixed").asInt());
        JsonNode entry = report.at("/entries/0");
        assertEquals("upstream-down", entry.get("entry").asText());
        assertEquals(1, entry.get("reachedFix").asInt());
        assertEquals(1.0, entry.get("resolutionRate").asDouble());
        assertEquals("start-app", entry.at("/leaves/0/node").asText());
        assertEquals("Start the application", entry.at("/leaves/0/title").asText());
    }

    @Test
    void a_replayed_turn_is_recorded_once() throws Exception {
        start(Map.of());
        JsonNode first = chat(Map.of("message", "502 Bad Gateway nginx", "channel", "widget"));
        JsonNode a = choose(first, "start-app");
        choose(first, "start-app"); // a double click sends the same state twice
        choose(a, "fixed");
        choose(a, "fixed");
        OutcomeStore.Rows rows = rows();
        assertEquals(2, rows.steps().size());
        assertEquals(1, rows.outcomes().size());
    }

    @Test
    void not_fixed_fixes_then_a_handoff_leave_each_outcome() throws Exception {
        start(Map.of());
        JsonNode r = chat(Map.of("message", "502 Bad Gateway", "channel", "widget"));
        for (int i = 0; i < 20 && r.get("handoff").isNull(); i++) {
            String choice = null;
            for (JsonNode o : r.at("/node/options")) {
                String id = o.get("id").asText();
                if (id.equals("not-fixed")) {
                    choice = id;
                    break;
                }
                if (choice == null && !id.startsWith("entry:")) {
                    choice = id;
                }
            }
            if (choice == null) {
                choice = r.at("/node/options/0/id").asText(); // only related entries are left: follow one
            }
            r = choose(r, choice);
        }
        assertFalse(r.get("handoff").isNull(), "the conversation ends with a handoff: " + r);
        OutcomeStore.Rows rows = rows();
        List<String> kinds = rows.outcomes().stream().map(OutcomeStore.OutcomeRow::kind).toList();
        assertTrue(kinds.contains("not_fixed"), kinds::toString);
        assertEquals(1, kinds.stream().filter(k -> k.equals("handoff")).count(), kinds::toString);
        OutcomeStore.OutcomeRow handoff = rows.outcomes().stream().filter(o -> o.kind().equals("handoff")).findFirst().orElseThrow();
        assertTrue(handoff.reason().startsWith("tried "), handoff.reason());

        JsonNode report = admin("/api/admin/report");
        assertEquals(1, report.at("/totals/handedOff").asInt());
        assertEquals(kinds.stream().filter(k -> k.equals("not_fixed")).count(), report.at("/totals/notFixed").asInt());
        JsonNode gaps = admin("/api/admin/gaps");
        assertTrue(gaps.get("gaps").findValuesAsText("kind").contains("failing_leaf"), gaps.toString());
    }

    @Test
    void a_conversation_without_a_turn_for_thirty_minutes_is_abandoned_where_it_stopped() throws Exception {
        start(Map.of());
        JsonNode r = chat(Map.of("message", "502 Bad Gateway nginx"));
        choose(r, "check-port");
        assertEquals(0, admin("/api/admin/report").at("/totals/abandoned").asInt());
        clock.advance(Duration.ofMinutes(31));
        JsonNode report = admin("/api/admin/report");
        assertEquals(1, report.at("/totals/abandoned").asInt());
        assertEquals("check-port", report.at("/abandonedAt/0/node").asText());
        assertEquals(1, report.at("/entries/0/abandoned").asInt());
        assertEquals("api", rows().conversations().get(0).channel());
    }

    @Test
    void an_unmatched_paste_is_a_gap_and_a_choice_after_it_is_a_wording_to_add() throws Exception {
        start(Map.of());
        chat(Map.of("message", "the coffee machine in the office makes a strange noise"));
        chat(Map.of("message", "our office coffee machine makes a strange grinding noise"));
        JsonNode vague = chat(Map.of("message", "the shop is broken since the update, customers see an error"));
        choose(vague, "entry:disk-full");

        OutcomeStore.Rows rows = rows();
        assertEquals(3, rows.conversations().size());
        assertTrue(rows.conversations().stream().noneMatch(OutcomeStore.ConversationRow::matched));
        JsonNode gaps = admin("/api/admin/gaps").get("gaps");
        JsonNode first = gaps.get(0);
        assertEquals("unmatched", first.get("kind").asText(), gaps.toString());
        assertEquals(2, first.get("people").asInt(), "the two coffee texts are one gap: " + gaps);
        JsonNode switched = null;
        for (JsonNode g : gaps) {
            if (g.get("kind").asText().equals("switched")) {
                switched = g;
            }
        }
        assertNotNull(switched, gaps.toString());
        assertEquals("disk-full", switched.get("entry").asText());

        List<String> lines = app.outcomes().export(Duration.ofDays(30), "disk-full", java.util.Set.of());
        assertEquals(1, lines.size());
        JsonNode line = JSON.readTree(lines.get(0));
        assertEquals("disk-full", line.get("expect").asText());
        assertEquals("question", line.get("kind").asText());
        assertEquals("the shop is broken since the update, customers see an error", line.get("text").asText());
        for (String field : List.of("id", "source", "topic", "split")) {
            assertFalse(line.get(field).asText().isBlank(), field);
        }
        List<String> negatives = app.outcomes().export(Duration.ofDays(30), GapExport.NONE,
                java.util.Set.of(first.get("id").asText()));
        assertEquals(2, negatives.size());
        assertEquals("negative", JSON.readTree(negatives.get(0)).get("kind").asText());
        assertTrue(JSON.readTree(negatives.get(0)).get("expect").isNull());
    }

    @Test
    void a_ticket_leaves_its_triage() throws Exception {
        start(Map.of());
        HttpResponse<String> r = send("POST", "/api/tickets", JSON.writeValueAsString(Map.of("subject", "site down",
                "body", "Our site shows 502 Bad Gateway from nginx since 10:00. Write to ops@acme-widgets.co.uk.")),
                "Bearer " + TICKETS);
        assertEquals(200, r.statusCode(), r.body());
        OutcomeStore.Rows rows = rows();
        assertEquals(1, rows.tickets().size());
        OutcomeStore.TicketRow t = rows.tickets().get(0);
        assertEquals(JSON.readTree(r.body()).get("action").asText().toLowerCase(), t.action());
        assertEquals(List.of("upstream-down"), t.entries());
        assertTrue(t.text().contains("[email]") && !t.text().contains("acme"), t.text());
        assertEquals(1, admin("/api/admin/report").at("/totals/tickets").asInt());
    }

    @Test
    void nothing_unredacted_reaches_the_store() throws Exception {
        start(Map.of());
        JsonNode r = chat(Map.of("message", "connect() failed (111: Connection refused) while connecting to upstream, client: "
                + "198.51.100.23, server: shop.acme-widgets.co.uk, request: \"GET /?token=Zx81Kq2Lm9Pw7Rt4Yv6Bn3Cd\","
                + " host: \"shop.acme-widgets.co.uk\" mail jane.doe@acme-widgets.co.uk", "channel", "widget"));
        chat(Map.of("state", r.get("state").asText(), "message", "my IP is 2001:db8::17, call +44 20 7946 0958"));
        send("POST", "/api/tickets", JSON.writeValueAsString(Map.of("subject", "help",
                "body", "api_key=sk_live_51HxQz8e2LkT9vWq3RmN7bYc from 203.0.113.9 at https://shop.acme-widgets.co.uk/x")),
                "Bearer " + TICKETS);
        assertTrue(app.outcomes().recorder().awaitWritten(Duration.ofSeconds(20)));
        List<String> stored = app.outcomes().recorder().store().orElseThrow().allTexts();
        assertTrue(stored.stream().anyMatch(s -> s.contains("Connection refused")), "the error itself is kept");
        for (String secret : List.of("198.51.100.23", "acme-widgets", "Zx81Kq2Lm9Pw7Rt4Yv6Bn3Cd", "jane.doe", "2001:db8::17",
                "7946 0958", "sk_live", "203.0.113.9")) {
            for (String s : stored) {
                assertFalse(s.contains(secret), () -> "'" + secret + "' was stored: " + s);
            }
        }
    }

    @Test
    void a_full_queue_drops_and_counts_without_failing_the_request() throws Exception {
        start(Map.of("GATEWAY_DOCTOR_OUTCOMES_QUEUE", "2"));
        int sent = 12;
        // Hold the SQLite file's write lock: the writer waits on its first batch and the queue fills.
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("outcomes.db"));
             Statement st = lock.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("BEGIN EXCLUSIVE");
            for (int i = 0; i < sent; i++) {
                chat(Map.of("message", "502 Bad Gateway nginx " + i)); // each answers 200
            }
            JsonNode health = JSON.readTree(send("GET", "/health", null, null).body());
            assertTrue(health.at("/outcomes/dropped").asLong() > 0, health.toString());
            st.execute("ROLLBACK");
        }
        Recorder rec = app.outcomes().recorder();
        assertTrue(rec.awaitWritten(Duration.ofSeconds(30)));
        Recorder.Stats stats = rec.stats();
        assertEquals(0, stats.failed());
        assertEquals(sent, stats.written() + stats.dropped(), stats.toString());
        assertEquals(stats.written(), rows().conversations().size());
    }

    @Test
    void admin_routes_refuse_a_missing_or_wrong_key_and_are_off_without_keys() throws Exception {
        start(Map.of());
        for (String path : List.of("/api/admin/report", "/api/admin/gaps")) {
            assertEquals(401, send("GET", path, null, null).statusCode());
            HttpResponse<String> wrong = send("GET", path, null, "Bearer " + ADMIN + "x");
            assertEquals(401, wrong.statusCode());
            assertTrue(JSON.readTree(wrong.body()).get("error").asText().contains("admin key"));
            assertEquals(401, send("GET", path, null, "Bearer " + TICKETS).statusCode(), "a ticket key is not an admin key");
            assertEquals(400, send("GET", path + "?since=forever", null, "Bearer " + ADMIN).statusCode());
        }
        app.close();
        app = null;
        start(Map.of(AdminController.ENV, ""));
        HttpResponse<String> off = send("GET", "/api/admin/report", null, "Bearer " + ADMIN);
        assertEquals(503, off.statusCode());
        assertTrue(JSON.readTree(off.body()).get("error").asText().contains(AdminController.ENV));
    }

    @Test
    void with_the_store_off_nothing_is_kept_and_chat_works() throws Exception {
        start(Map.of("GATEWAY_DOCTOR_DB", "off"));
        JsonNode r = chat(Map.of("message", "502 Bad Gateway nginx", "channel", "widget"));
        choose(r, "start-app");
        assertFalse(app.outcomes().on());
        assertFalse(data.resolve("outcomes.db").toFile().exists());
        assertEquals(503, send("GET", "/api/admin/report", null, "Bearer " + ADMIN).statusCode());
    }
}
