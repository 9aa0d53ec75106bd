package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Screenshots of real error pages, taken by headless Chromium and degraded the way they reach us,
 * read over HTTP by the bundled KB's server: each must land on its entry.
 */
class OcrApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void tools() {
        Tools.requireTesseract();
        Tools.requireChromium();
    }

    static ErrorPages.Window window(String name) {
        return ErrorPages.WINDOWS.stream().filter(w -> w.name().startsWith(name)).findFirst().orElseThrow();
    }

    static JsonNode ocr(String contentType, byte[] body) {
        TestServer.Response r = server.postRaw("/api/ocr", contentType, body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static void assertTop(JsonNode answer, String entry) {
        JsonNode match = answer.get("match");
        assertEquals(entry, match.get("results").get(0).get("id").asText(),
                "read: " + answer.get("text").asText() + "\nmatch: " + match);
        assertTrue(match.get("matched").asBoolean(), match.toString());
    }

    @ParameterizedTest(name = "{0} in a {1} window, {2}")
    @CsvSource({
        "nginx-502,          desktop, CLEAN",
        "cloudflare-502,     desktop, CLEAN",
        "apache-proxy-error, desktop, CLEAN",
        "nginx-504,          desktop, CLEAN",
        "nginx-502,          phone,   CLEAN",
        "cloudflare-502,     desktop, HALF",
        "apache-proxy-error, window,  JPEG",
        "nginx-504,          hidpi,   BLUR",
        "cloudflare-502,     phone,   INVERTED",
    })
    void a_screenshot_of_an_error_page_matches_its_entry(String page, String window, Degradation degradation) {
        ErrorPages.Page p = ErrorPages.page(page);
        byte[] image = degradation.apply(ErrorPages.screenshot(p, window(window)));
        String type = degradation == Degradation.JPEG || degradation == Degradation.PHOTO ? "image/jpeg" : "image/png";
        assertTop(ocr(Uploads.formType(), Uploads.form("image", type, image)), p.entry());
    }

    @Test
    void a_webp_screenshot_sent_as_the_raw_body_is_read() {
        ErrorPages.Page p = ErrorPages.page("nginx-504");
        JsonNode answer = ocr("image/webp", ErrorPages.file(p, ErrorPages.DESKTOP, "webp"));
        assertTrue(answer.get("text").asText().contains("Gateway Time-out"), answer.toString());
        assertTop(answer, p.entry());
    }

    @Test
    void a_gif_screenshot_is_read() {
        ErrorPages.Page p = ErrorPages.page("apache-proxy-error");
        byte[] gif = Degradation.encode(ErrorPages.screenshot(p, ErrorPages.DESKTOP), "gif");
        assertTop(ocr("image/gif", gif), p.entry());
    }

    @Test
    void a_conversation_starts_from_a_screenshot_with_the_words_sent_beside_it() {
        ErrorPages.Page p = ErrorPages.page("nginx-502");
        byte[] png = ErrorPages.file(p, ErrorPages.DESKTOP, "png");
        TestServer.Response r = server.postRaw("/api/chat", Uploads.formType(),
                Uploads.form("image", "image/png", png, "message", "My WordPress blog shows this since this morning"));
        assertEquals(200, r.status(), r.body());
        JsonNode reply = r.json();
        assertEquals(p.entry(), reply.get("entry").get("id").asText(), reply.toString());
        assertTrue(reply.get("image_text").asText().startsWith("My WordPress blog shows this"), reply.toString());
        assertTrue(reply.get("image_text").asText().contains("502 Bad Gateway"), reply.toString());
        // The conversation goes on as JSON with the signed state.
        String state = reply.get("state").asText();
        String option = reply.get("node").get("options").get(0).get("id").asText();
        TestServer.Response next = server.post("/api/chat", Map.of("state", state, "choice", option));
        assertEquals(200, next.status(), next.body());
    }
}
