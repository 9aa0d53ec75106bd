package dev.gatewaydoctor.handoff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gatewaydoctor.TestServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handoffs over real HTTP to a real local receiver, a real SMTP server and a Zendesk stand-in. */
class HandoffApiTest {

    static final String SECRET = "handoff-secret-for-the-tests-0123";

    static String pasted() throws Exception {
        return Files.readString(Path.of("server/src/test/resources/handoff/pasted-with-secrets.txt"));
    }

    /** A conversation started with the pasted log: its state is what the widget sends at a handoff. */
    static String stateOf(TestServer server, String text) {
        TestServer.Response r = server.post("/api/chat", Map.of("message", text));
        assertEquals(200, r.status(), r.body());
        return r.json().get("state").asText();
    }

    static Map<String, Object> handoff(String state) {
        Map<String, Object> body = new HashMap<>();
        body.put("state", state);
        body.put("email", "visitor@example.net");
        body.put("name", "Robin Visitor");
        body.put("page", "https://help.example.net/errors/502");
        body.put("lang", "de");
        body.put("visitor", Map.of("id", "cust-4711", "plan", "business"));
        return body;
    }

    /** Polls the status until it is no longer queued. */
    static JsonNode settled(TestServer server, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode s = server.get("/api/handoff/" + id).json();
            if (!s.get("status").asText().equals("queued")) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("handoff " + id + " still queued");
    }

    @Test
    void the_webhook_gets_signed_json_with_summary_path_entry_and_redacted_paste() throws Exception {
        try (LocalReceiver hook = new LocalReceiver(204, "");
             TestServer server = new TestServer(Map.of(WebhookRoute.URL_ENV, hook.url("/hooks/support"),
                     WebhookRoute.SECRET_ENV, SECRET))) {
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, pasted())));
            assertEquals(202, r.status(), r.body());
            assertEquals(List.of("webhook"), TestServer.JSON.convertValue(r.json().get("routes"), List.class));
            LocalReceiver.Request got = hook.next();
            assertEquals("POST", got.method());
            assertEquals("/hooks/support", got.path());
            assertDoesNotThrow(() -> new HandoffSignature(SECRET, "secret", Clock.systemUTC()).verify(
                    got.header(HandoffSignature.TIMESTAMP_HEADER), got.header(HandoffSignature.SIGNATURE_HEADER), got.body()));
            JsonNode body = TestServer.JSON.readTree(got.body());
            assertEquals(r.json().get("id").asText(), body.get("id").asText());
            assertEquals("visitor@example.net", body.get("email").asText());
            assertEquals("cust-4711", body.get("visitor").get("id").asText(), "identify() ids go out as they are");
            assertEquals("https://help.example.net/errors/502", body.get("page").asText());
            assertFalse(body.get("entry").isNull(), "the matched entry: " + body);
            assertTrue(server.app().knowledge().kb().entry(body.get("entry").get("id").asText()).isPresent());
            assertTrue(body.get("path").isArray());
            assertTrue(body.get("summary").asText().startsWith("Gateway Doctor summary"), body.get("summary").asText());
            for (String field : new String[] {"pasted", "summary"}) {
                String text = body.get(field).asText();
                assertTrue(text.contains("connect() failed"), field + ": " + text);
                assertFalse(text.contains("203.0.113.45") || text.contains("ops-team@example.org"), field + " not redacted: " + text);
            }
            assertEquals("sent", settled(server, body.get("id").asText()).get("status").asText());
        }
    }

    @Test
    void smtp_mails_the_summary_to_support_with_the_visitor_as_reply_to() throws Exception {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        try (TestServer server = new TestServer(Map.of(SmtpRoute.PREFIX + "HOST", "127.0.0.1",
                SmtpRoute.PREFIX + "PORT", Integer.toString(mail.getSmtp().getPort()),
                SmtpRoute.PREFIX + "STARTTLS", "false",
                SmtpRoute.PREFIX + "FROM", "doctor@help.example.net",
                SmtpRoute.PREFIX + "TO", "support@example.net"))) {
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, pasted())));
            assertEquals(202, r.status(), r.body());
            assertTrue(mail.waitForIncomingEmail(10_000, 1), "a mail arrived");
            MimeMessage m = mail.getReceivedMessages()[0];
            assertEquals("support@example.net", ((InternetAddress) m.getAllRecipients()[0]).getAddress());
            assertEquals("visitor@example.net", ((InternetAddress) m.getReplyTo()[0]).getAddress());
            assertTrue(m.getSubject().startsWith("Gateway Doctor handoff: "), m.getSubject());
            String text = String.valueOf(m.getContent());
            assertTrue(text.contains("Gateway Doctor summary") && text.contains("cust-4711") && text.contains("plan business"), text);
            assertTrue(text.contains(r.json().get("id").asText()), "the reference is in the mail");
            assertEquals("sent", settled(server, r.json().get("id").asText()).get("status").asText());
        } finally {
            mail.stop();
        }
    }

    @Test
    void a_zendesk_ticket_is_created_with_the_request_shape_the_tickets_api_documents() throws Exception {
        try (LocalReceiver zendesk = new LocalReceiver(201, "{\"ticket\":{\"id\":35436}}");
             TestServer server = new TestServer(Map.of(ZendeskRoute.URL_ENV, zendesk.url("/"),
                     ZendeskRoute.EMAIL_ENV, "agent@example.net", ZendeskRoute.TOKEN_ENV, "zd-token-123",
                     ZendeskRoute.TAGS_ENV, "web, widget"))) {
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, pasted())));
            assertEquals(202, r.status(), r.body());
            LocalReceiver.Request got = zendesk.next();
            assertEquals("POST", got.method());
            assertEquals("/api/v2/tickets.json", got.path());
            assertTrue(got.header("Content-Type").startsWith("application/json"));
            assertEquals("Basic " + Base64.getEncoder().encodeToString("agent@example.net/token:zd-token-123"
                    .getBytes(StandardCharsets.UTF_8)), got.header("Authorization"));
            JsonNode ticket = TestServer.JSON.readTree(got.body()).get("ticket");
            assertTrue(ticket.get("subject").asText().startsWith("Gateway Doctor handoff"));
            assertTrue(ticket.get("comment").get("body").asText().contains("Gateway Doctor summary"));
            assertEquals("visitor@example.net", ticket.get("requester").get("email").asText());
            assertEquals("Robin Visitor", ticket.get("requester").get("name").asText());
            assertEquals(r.json().get("id").asText(), ticket.get("external_id").asText());
            List<?> tags = TestServer.JSON.convertValue(ticket.get("tags"), List.class);
            assertTrue(tags.containsAll(List.of("web", "widget", "gateway-doctor")), tags.toString());
            assertEquals("sent", settled(server, r.json().get("id").asText()).get("status").asText());
        }
    }

    @Test
    void a_receiver_that_is_down_is_retried_with_backoff_then_reported_as_failed() throws Exception {
        try (TestServer server = new TestServer(Map.of(WebhookRoute.URL_ENV, LocalReceiver.nobodyListening("/hook"),
                WebhookRoute.SECRET_ENV, SECRET, HandoffRoutes.ATTEMPTS_ENV, "3", HandoffRoutes.BACKOFF_ENV, "40"))) {
            long started = System.nanoTime();
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, "502 Bad Gateway nginx")));
            assertEquals(202, r.status(), "queued at once, not after the retries");
            assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "the answer did not wait for delivery");
            JsonNode s = settled(server, r.json().get("id").asText());
            assertEquals("failed", s.get("status").asText(), s.toString());
            JsonNode route = s.get("routes").get(0);
            assertEquals(3, route.get("attempts").asInt(), s.toString());
            assertFalse(route.get("error").isNull());
        }
    }

    @Test
    void a_receiver_that_fails_once_gets_the_handoff_on_the_retry() throws Exception {
        try (LocalReceiver hook = new LocalReceiver(503, "");
             TestServer server = new TestServer(Map.of(WebhookRoute.URL_ENV, hook.url("/hook"),
                     WebhookRoute.SECRET_ENV, SECRET, HandoffRoutes.BACKOFF_ENV, "300"))) {
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, "502 Bad Gateway nginx")));
            hook.next();
            hook.answerWith(200);
            String firstId = TestServer.JSON.readTree(hook.next().body()).get("id").asText();
            assertEquals(r.json().get("id").asText(), firstId);
            JsonNode s = settled(server, firstId);
            assertEquals("sent", s.get("status").asText());
            assertEquals(2, s.get("routes").get(0).get("attempts").asInt());
        }
    }

    @Test
    void bad_handoff_requests_get_a_4xx_json_error() throws Exception {
        try (LocalReceiver hook = new LocalReceiver(200, "");
             TestServer server = new TestServer(Map.of(WebhookRoute.URL_ENV, hook.url("/h"), WebhookRoute.SECRET_ENV, SECRET))) {
            String state = stateOf(server, "502 Bad Gateway nginx");
            Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
            cases.put("'email' is not an e-mail address", with(handoff(state), "email", "not an address"));
            cases.put("'email' is required", without(handoff(state), "email"));
            cases.put("'state' is required", without(handoff(state), "state"));
            cases.put("invalid 'state'", with(handoff(state), "state", "AAAA.BBBB"));
            cases.put("'visitor' has an unknown field", with(handoff(state), "visitor", Map.of("password", "x")));
            cases.put("'lang' must be a language tag", with(handoff(state), "lang", "<script>"));
            cases.put("'name' is longer than", with(handoff(state), "name", "n".repeat(201)));
            for (var c : cases.entrySet()) {
                TestServer.Response r = server.post("/api/handoff", c.getValue());
                assertEquals(400, r.status(), c.getKey() + ": " + r.body());
                assertTrue(r.json().get("error").asText().startsWith(c.getKey()), r.body());
            }
            assertEquals(400, server.postRaw("/api/handoff", "application/json", "[1]".getBytes(StandardCharsets.UTF_8)).status());
            assertEquals(404, server.get("/api/handoff/00000000-0000-0000-0000-000000000000").status());
            assertEquals(400, server.get("/api/handoff/..%2F..%2Fetc").status());
            assertEquals(0, hook.received(), "nothing was delivered for a refused request");
        }
    }

    @Test
    void without_a_configured_route_handoff_is_refused_and_health_says_so() {
        try (TestServer server = new TestServer(Map.of())) {
            assertFalse(server.get("/health").json().get("handoff").asBoolean());
            TestServer.Response r = server.post("/api/handoff", handoff(stateOf(server, "502 Bad Gateway nginx")));
            assertEquals(503, r.status());
            assertEquals("handoff is not configured on this server", r.json().get("error").asText());
        }
    }

    static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        m.put(k, v);
        return m;
    }

    static Map<String, Object> without(Map<String, Object> m, String k) {
        m.remove(k);
        return m;
    }
}
