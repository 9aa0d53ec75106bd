package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewaydoctor.TestServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticket API over real HTTP, against the bundled knowledge base and realistic tickets. */
class TicketApiTest {

    static final Path FIXTURES = Path.of("server/src/test/resources/tickets");
    static final String KEY = "tickets-test-key-5f2c9a";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of(ApiKeys.ENV, "another-key-77e1," + KEY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestServer.Response post(TestServer s, String path, byte[] body, String authorization) {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return s.send(r);
    }

    private static JsonNode triage(String path, byte[] body) {
        TestServer.Response r = post(server, path, body, "Bearer " + KEY);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    private static byte[] json(Object value) throws IOException {
        return TestServer.JSON.writeValueAsBytes(value);
    }

    private static List<String> ids(JsonNode triage) {
        List<String> out = new ArrayList<>();
        triage.get("results").forEach(r -> out.add(r.get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean hasEvidence(JsonNode triage, String kind, String entry) {
        return StreamSupport.stream(triage.get("evidence").spliterator(), false)
                .anyMatch(e -> e.get("kind").asText().equals(kind) && (entry == null || entry.equals(e.path("entry").asText())));
    }

    private static String title(String id) {
        return TestServer.bundledKb().expectEntry(id).title();
    }

    @Test
    void an_html_reply_is_matched_on_its_new_text_not_on_the_quoted_dns_history() throws IOException {
        byte[] ticket = fixture("html-reply-nginx-502.json");
        // Matched whole, the mail is about DNS: its quoted history says so.
        String html = TestServer.JSON.readTree(ticket).get("body_html").asText();
        TestServer.Response raw = server.post("/api/match", Map.of("text", html));
        assertEquals("dns", raw.json().get("results").get(0).get("id").asText(), raw.body());

        JsonNode t = triage("/api/tickets", ticket);
        assertEquals("502-nginx", ids(t).get(0), t.toString());
        assertFalse(ids(t).contains("dns"), t.toString());
        assertEquals(List.of("502-nginx"), texts(t.get("entries")));
        assertEquals("auto_reply", t.get("action").asText());
        assertTrue(texts(t.get("removed")).containsAll(List.of(MailText.QUOTED, MailText.SIGNATURE)), t.get("removed").toString());
        String text = t.get("text").asText();
        assertFalse(text.contains("flushdns") || text.contains("Lopez Ceramics") || text.contains("Shop moved"), text);
        assertTrue(text.contains("our logo link (https://shop.lopez-ceramics.example/wp-content/uploads/logo.png)"), text);
        assertTrue(hasEvidence(t, Finding.KB, "502-nginx"), t.get("evidence").toString());
        assertTrue(hasEvidence(t, Finding.URL, null) && hasEvidence(t, Finding.STATUS, null), t.get("evidence").toString());
        assertTrue(texts(t.get("tags")).containsAll(List.of("502-nginx", "502", "nginx")), t.get("tags").toString());
        String reply = t.get("reply").get("text").asText();
        assertTrue(reply.startsWith("Hello Maria Lopez,"), reply);
        assertTrue(reply.contains(title("502-nginx")), reply);
        assertTrue(reply.contains("1. Check: "), reply);
        assertTrue(t.get("reply").get("html").asText().contains("<ol>"));
    }

    @Test
    void a_screenshot_attachment_is_read_and_its_error_page_matched() throws IOException {
        boolean ocr = TesseractCli.available();
        if (!ocr && TesseractCli.required()) {
            throw new AssertionError("tesseract is not installed but " + TesseractCli.REQUIRE + "=1");
        }
        Assumptions.assumeTrue(ocr, "tesseract is not installed: install tesseract-ocr and tesseract-ocr-eng to run this test");

        ObjectNode ticket = TestServer.JSON.createObjectNode()
                .put("subject", "Shop broken")
                .put("from", "Ana Silva <ana@example.net>")
                .put("body", "Hello, since this morning our shop does not open any more. I took a screenshot of what I see.");
        JsonNode without = triage("/api/tickets", json(ticket));
        assertNotEquals("502-nginx", ids(without).isEmpty() ? "" : ids(without).get(0), without.toString());

        ticket.putArray("attachments").addObject()
                .put("filename", "screenshot.png")
                .put("content_type", "image/png")
                .put("data", Base64.getEncoder().encodeToString(errorPage("502 Bad Gateway", "nginx/1.24.0")));
        JsonNode with = triage("/api/tickets", json(ticket));
        assertEquals("502-nginx", ids(with).get(0), with.toString());
        assertTrue(with.get("text").asText().contains("502 Bad Gateway"), with.get("text").asText());
        assertTrue(hasEvidence(with, Finding.KB, "502-nginx"), with.get("evidence").toString());
    }

    /** An error page as a browser shows it: a big heading, a rule, the server's name. */
    static byte[] errorPage(String heading, String footer) throws IOException {
        BufferedImage image = new BufferedImage(1000, 420, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.BOLD, 52));
        FontMetrics big = g.getFontMetrics();
        g.drawString(heading, (image.getWidth() - big.stringWidth(heading)) / 2, 150);
        g.setStroke(new BasicStroke(2));
        g.drawLine(40, 220, image.getWidth() - 40, 220);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 34));
        FontMetrics small = g.getFontMetrics();
        g.drawString(footer, (image.getWidth() - small.stringWidth(footer)) / 2, 290);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void a_ticket_raising_two_problems_lists_both() throws IOException {
        JsonNode t = triage("/api/tickets", fixture("two-problems-502-and-seo.json"));
        assertTrue(ids(t).containsAll(List.of("502-nginx", "502-seo")), ids(t).toString());
        assertTrue(texts(t.get("entries")).containsAll(List.of("502-nginx", "502-seo")), t.get("entries").toString());
        String reply = t.get("reply").get("text").asText();
        assertTrue(reply.contains(title("502-nginx")) && reply.contains(title("502-seo")), reply);
        assertTrue(reply.contains("You also mentioned something else"), reply);
        assertTrue(hasEvidence(t, Finding.LOG_LINE, null) && hasEvidence(t, Finding.TIMESTAMP, null), t.get("evidence").toString());
        assertTrue(texts(t.get("tags")).containsAll(List.of("502-nginx", "502-seo", "seo")), t.get("tags").toString());
    }

    @Test
    void an_unrelated_ticket_is_escalated_with_a_holding_reply() throws IOException {
        JsonNode t = triage("/api/tickets", fixture("unrelated-invoice.json"));
        assertEquals("escalate", t.get("action").asText(), t.toString());
        assertFalse(t.get("matched").asBoolean());
        assertEquals(0, t.get("entries").size());
        assertTrue(texts(t.get("removed")).contains(MailText.DISCLAIMER), t.get("removed").toString());
        String reply = t.get("reply").get("text").asText();
        assertTrue(reply.contains("a member of our team will look into it"), reply);
        assertFalse(reply.contains("most likely"), reply);
    }

    @Test
    void a_zendesk_trigger_body_is_triaged_with_its_ticket_id() throws IOException {
        JsonNode t = triage("/api/tickets/zendesk", fixture("zendesk-ticket-created.json"));
        assertEquals("4711", t.get("ticket_id").asText());
        assertEquals("502-apache-proxy", ids(t).get(0), t.toString());
        assertFalse(t.get("text").asText().contains("-----"), t.get("text").asText());
        assertTrue(t.get("reply").get("text").asText().startsWith("Hello Jane Doe,"));
        assertTrue(hasEvidence(t, Finding.SERVER, null), t.get("evidence").toString());
    }

    @Test
    void a_missing_or_wrong_key_is_rejected_with_401() throws IOException {
        byte[] body = fixture("unrelated-invoice.json");
        for (String auth : new String[] {null, "Bearer wrong-key", "Bearer " + KEY + "x", KEY, "Basic " + KEY}) {
            for (String path : List.of("/api/tickets", "/api/tickets/zendesk")) {
                TestServer.Response r = post(server, path, body, auth);
                assertEquals(401, r.status(), path + " with " + auth + ": " + r.body());
                assertTrue(r.json().get("error").asText().contains("Authorization: Bearer"), r.body());
                assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"), r.headers().toString());
                assertFalse(r.body().contains(KEY));
            }
        }
        assertEquals(200, post(server, "/api/tickets", body, "Bearer another-key-77e1").status());
    }

    @Test
    void without_configured_keys_the_ticket_api_answers_503() throws IOException {
        try (TestServer off = new TestServer(Map.of())) {
            TestServer.Response r = post(off, "/api/tickets", fixture("unrelated-invoice.json"), "Bearer " + KEY);
            assertEquals(503, r.status(), r.body());
            assertTrue(r.json().get("error").asText().contains(ApiKeys.ENV), r.body());
        }
    }

    @Test
    void a_ticket_over_its_size_limit_is_rejected_with_413() throws IOException {
        Map<String, String> env = Map.of(ApiKeys.ENV, KEY,
                "GATEWAY_DOCTOR_TICKET_MAX_BYTES", "4096",
                "GATEWAY_DOCTOR_TICKET_MAX_BYTES_WITH_ATTACHMENTS", "16384");
        try (TestServer small = new TestServer(env)) {
            String text = "The site shows 502 Bad Gateway. ".repeat(200); // about 6.4 KB
            byte[] plain = json(Map.of("subject", "502", "body", text));
            TestServer.Response r = post(small, "/api/tickets", plain, "Bearer " + KEY);
            assertEquals(413, r.status(), r.body());
            assertEquals(4096, r.json().get("limit").asInt(), r.body());

            String log = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> attachment = Map.of("filename", "error.log", "content_type", "text/plain", "data", log);
            byte[] withLog = json(Map.of("subject", "502", "body", "see the log", "attachments", List.of(attachment)));
            assertEquals(200, post(small, "/api/tickets", withLog, "Bearer " + KEY).status());

            byte[] tooBig = json(Map.of("subject", "502", "body", "see the logs",
                    "attachments", List.of(attachment, attachment, attachment)));
            TestServer.Response big = post(small, "/api/tickets", tooBig, "Bearer " + KEY);
            assertEquals(413, big.status(), big.body());
            assertEquals(16384, big.json().get("limit").asInt(), big.body());
        }
    }

    @Test
    void malformed_tickets_are_rejected_with_400_saying_why() throws IOException {
        Map<String, Object> badData = Map.of("subject", "x", "attachments",
                List.of(Map.of("filename", "a.png", "content_type", "image/png", "data", "@@not base64@@")));
        TestServer.Response r = post(server, "/api/tickets", json(badData), "Bearer " + KEY);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("error").asText().contains("attachments[0].data"), r.body());

        TestServer.Response empty = post(server, "/api/tickets", json(Map.of("subject", " ")), "Bearer " + KEY);
        assertEquals(400, empty.status(), empty.body());

        TestServer.Response notJson = post(server, "/api/tickets", "{\"subject\":".getBytes(StandardCharsets.UTF_8), "Bearer " + KEY);
        assertEquals(400, notJson.status(), notJson.body());

        TestServer.Response noDescription = post(server, "/api/tickets/zendesk", json(Map.of("ticket", Map.of("id", "1"))),
                "Bearer " + KEY);
        assertEquals(400, noDescription.status(), noDescription.body());
        assertTrue(noDescription.json().get("error").asText().contains("description"), noDescription.body());
    }
}
