package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bodies are collected whole before their route runs, under each route's bound, over raw sockets
 * (HTTP clients will not send a body slowly, or announce one and stop).
 */
class BodyFirstTest {

    static TestServer server;
    static int port;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "0"));
        port = server.app().port();
        server.get("/health"); // warm: the first request of a fresh JVM pays for class loading
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String head(String path, String type, long length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\n\r\n";
    }

    static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static JsonNode json(RawHttp.Answer a) throws IOException {
        return TestServer.JSON.readTree(a.body());
    }

    @Test
    void two_hundred_fifty_slow_senders_of_large_bodies_do_not_stop_health_from_a_fresh_connection() throws Exception {
        // 390 KB each: under the match route's bound, so every one is collected, above what used to be
        // handed to the route unread (256 KB), which then held a worker per client.
        String slowHead = head("/api/match", "application/json", 390_000) + "{";
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket s = RawHttp.open(port, 5000);
                s.getOutputStream().write(slowHead.getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            for (int second = 0; second < 3; second++) {
                for (Socket s : slow) {
                    try {
                        s.getOutputStream().write(' ');
                    } catch (IOException closedByServer) {
                        // refused as too slow: allowed too
                    }
                }
                long t0 = System.nanoTime();
                try (Socket s = RawHttp.open(port, 5000)) {
                    s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals(200, RawHttp.read(s.getInputStream()).status());
                }
                assertTrue(millisSince(t0) < 1000, "/health took " + millisSince(t0) + " ms");
                // A real match from a fresh connection gets its turn too: no worker is held by the slow ones.
                t0 = System.nanoTime();
                assertEquals(200, RawHttp.send(port, withBody("/api/match", "{\"text\": \"502 Bad Gateway nginx\"}")).status());
                assertTrue(millisSince(t0) < 3000, "/api/match took " + millisSince(t0) + " ms");
                Thread.sleep(1000);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    static String withBody(String path, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return head(path, "application/json", b.length).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n") + body;
    }

    @Test
    void a_body_declared_larger_than_its_route_allows_gets_a_413_json_at_once_without_being_read() throws Exception {
        for (String path : List.of("/api/match", "/api/chat", "/slack/commands", "/api/tickets", "/api/unknown")) {
            try (Socket s = RawHttp.open(port, 5000)) {
                long t0 = System.nanoTime();
                s.getOutputStream().write(head(path, "application/json", 100_000_000).getBytes(StandardCharsets.US_ASCII));
                RawHttp.Answer a = RawHttp.read(s.getInputStream());
                assertTrue(millisSince(t0) < 1000, path + " answered after " + millisSince(t0) + " ms");
                assertEquals(413, a.status(), path + ": " + a.body());
                assertTrue(a.header("content-type").startsWith("application/json"), a.header("content-type"));
                JsonNode body = json(a);
                assertTrue(body.get("error").asText().contains("larger than the limit"), a.body());
                assertTrue(body.get("limit").asLong() > 0 && body.get("limit").asLong() < 100_000_000, a.body());
                assertEquals("close", a.header("connection"));
                assertEquals(-1, s.getInputStream().read(), "the connection is closed after the answer");
            }
        }
    }

    @Test
    void a_client_that_writes_its_whole_oversized_body_before_reading_still_sees_the_413() throws Exception {
        byte[] body = new byte[1_500_000];
        Arrays.fill(body, (byte) ' ');
        try (Socket s = RawHttp.open(port, 5000)) {
            OutputStream out = s.getOutputStream();
            out.write(head("/api/match", "application/json", body.length).getBytes(StandardCharsets.US_ASCII));
            out.write(body); // blocks unless the server reads: the drain after the answer lets it finish
            out.flush();
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            assertEquals(413, a.status(), a.body());
        }
    }

    @Test
    void bodies_past_the_servers_collection_budget_get_a_503_with_retry_after_and_the_budget_comes_back() throws Exception {
        // Tickets take up to 8 MB: nine of 4 MB each, sent fast and then held, pass the 32 MB budget.
        int each = 4 * 1024 * 1024;
        byte[] part = new byte[each - 1];
        Arrays.fill(part, (byte) ' ');
        List<Socket> held = new ArrayList<>();
        RawHttp.Answer refused = null;
        try {
            for (int i = 0; i < 9 && refused == null; i++) {
                Socket s = RawHttp.open(port, 5000);
                held.add(s);
                s.getOutputStream().write(head("/api/tickets", "application/json", each).getBytes(StandardCharsets.US_ASCII));
                try {
                    s.getOutputStream().write(part);
                    s.getOutputStream().flush();
                } catch (IOException closed) {
                    refused = RawHttp.read(s.getInputStream());
                    break;
                }
                Thread.sleep(200);
                if (s.getInputStream().available() > 0) {
                    refused = RawHttp.read(s.getInputStream());
                }
            }
            assertTrue(refused != null, "nine bodies of 4 MB were all collected at once");
            assertEquals(503, refused.status(), refused.body());
            assertEquals("1", refused.header("retry-after"));
            assertTrue(json(refused).get("error").asText().contains("too many large request bodies"), refused.body());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        // Closed half-way, the held bodies give their share back: a new large body is collected again.
        long deadline = System.nanoTime() + 5_000_000_000L;
        RawHttp.Answer again;
        do {
            Thread.sleep(100);
            again = RawHttp.send(port, head("/api/tickets", "application/json", each).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
                    + new String(part, StandardCharsets.US_ASCII) + "}");
        } while (again.body().contains("too many large request bodies") && System.nanoTime() < deadline);
        // Handed to the ticket route, which answers for itself (no API keys here: it is off).
        assertTrue(again.body().contains("ticket API is off"), again.status() + " " + again.body());
    }

    @Test
    void a_chunked_body_past_the_bound_is_refused_when_it_passes_it() throws Exception {
        try (Socket s = RawHttp.open(port, 5000)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/handoff HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) ' ');
            RawHttp.Answer a = null;
            for (int i = 0; i < 64 && a == null; i++) { // 4 MB at most, far past the bound
                try {
                    out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(piece);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closed) {
                    break; // the server answered and closed: read what it said
                }
                if (s.getInputStream().available() > 0) {
                    a = RawHttp.read(s.getInputStream());
                }
            }
            if (a == null) {
                a = RawHttp.read(s.getInputStream());
            }
            assertEquals(413, a.status(), a.body());
            assertTrue(json(a).get("error").asText().contains("larger than the limit"), a.body());
        }
    }

    @Test
    void a_body_cut_off_before_its_end_leaves_no_request_waiting() throws Exception {
        try (Socket s = RawHttp.open(port, 5000)) {
            s.getOutputStream().write((head("/api/match", "application/json", 5000) + "{\"text\": \"502").getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput(); // the client gives up half way
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] rest = in.readAllBytes(); // the server answers (400) or closes: it must not wait for the body
            assertTrue(millisSince(t0) < 2000, "closed after " + millisSince(t0) + " ms");
            String text = new String(rest, StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 4"), text);
        }
        assertEquals(200, RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").status());
    }

    @Test
    void a_screenshot_uploaded_as_a_form_in_slow_pieces_is_read_and_matched() throws Exception {
        byte[] form = form(screenshot("502 Bad Gateway", "nginx"));
        try (Socket s = RawHttp.open(port, 30_000)) {
            OutputStream out = s.getOutputStream();
            out.write(head("/api/ocr", "multipart/form-data; boundary=" + BOUNDARY, form.length).getBytes(StandardCharsets.US_ASCII));
            int piece = form.length / 4 + 1;
            for (int from = 0; from < form.length; from += piece) {
                out.write(form, from, Math.min(piece, form.length - from));
                out.flush();
                Thread.sleep(300);
            }
            RawHttp.Answer a = RawHttp.read(s.getInputStream());
            if (!server.app().screenshots().available()) {
                assertEquals(503, a.status(), a.body()); // no Tesseract here: refused, but answered
                return;
            }
            assertEquals(200, a.status(), a.body());
            JsonNode body = json(a);
            assertTrue(body.get("text").asText().toLowerCase(Locale.ROOT).contains("bad gateway"), a.body());
            assertTrue(body.get("match").has("results"), a.body());
        }
    }

    static final String BOUNDARY = "gd-body-first-boundary";

    static byte[] form(byte[] png) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"screenshot.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(png);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Black lines of text on white, as an error page looks in a screenshot. */
    static byte[] screenshot(String... lines) throws IOException {
        BufferedImage image = new BufferedImage(900, 80 + 70 * lines.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 40, 80 + 70 * i);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
