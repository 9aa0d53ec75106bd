package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.TestServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every limit of /api/ocr over real HTTP: size, format, pixels, Tesseract missing, a full queue, time, temp files. */
class OcrLimitsTest {

    static final byte[] PNG = Degradation.png(Uploads.drawn(640, 200, 28, "502 Bad Gateway", "nginx"));

    @TempDir
    Path work;

    TestServer server(String... env) {
        Map<String, String> map = new HashMap<>();
        map.put("GATEWAY_DOCTOR_OCR_TMPDIR", work.toString());
        for (int i = 0; i + 1 < env.length; i += 2) {
            map.put(env[i], env[i + 1]);
        }
        return new TestServer(map);
    }

    static TestServer.Response upload(TestServer s, String path, byte[] image) {
        return s.postRaw(path, Uploads.formType(), Uploads.form("image", "image/png", image));
    }

    /**
     * The OCR folder is empty once the request is over (Jetty removes its upload parts as the request
     * ends) but for the server's own spool folder and its lock file, which live as long as the server.
     */
    void assertNoTempFiles() throws Exception {
        List<Path> left = List.of();
        for (int i = 0; i < 40; i++) {
            try (Stream<Path> files = Files.walk(work)) {
                left = files.filter(f -> !f.equals(work))
                        .filter(f -> !(f.getParent().equals(work) && f.getFileName().toString().startsWith("gd-spool-")))
                        .filter(f -> !f.getFileName().toString().equals(".lock"))
                        .toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("temporary files left behind: " + left);
    }

    static void assertError(TestServer.Response r, int status, String containing) {
        assertEquals(status, r.status(), r.body());
        String error = r.json().get("error").asText();
        assertTrue(error.contains(containing), error);
    }

    @Test
    void an_image_over_the_size_limit_is_refused_with_413_as_form_raw_body_or_unannounced_stream_and_a_form_must_be_announced() throws Exception {
        byte[] big = Arrays.copyOf(PNG, 80_000); // a valid PNG start, padded past the limit
        try (TestServer s = server("GATEWAY_DOCTOR_OCR_MAX_BYTES", "50000")) {
            assertError(upload(s, "/api/ocr", big), 413, "larger than the limit of 50000 bytes");
            assertError(s.postRaw("/api/ocr", "image/png", big), 413, "50000");
            // Chunked, without Content-Length: the server must stop reading at the limit itself.
            TestServer.Response chunked = s.send(HttpRequest.newBuilder(s.uri("/api/ocr")).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
            assertError(chunked, 413, "50000");
            assertEquals(50000, chunked.json().get("limit").asLong());
            assertError(upload(s, "/api/chat", big), 413, "50000");
            // A form must say how long it is: its parts are parsed by the server before our checks.
            byte[] form = Uploads.form("image", "image/png", PNG);
            TestServer.Response unannounced = s.send(HttpRequest.newBuilder(s.uri("/api/ocr")).header("Content-Type", Uploads.formType())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))));
            assertError(unannounced, 411, "Content-Length");
            assertNoTempFiles();
        }
    }

    @Test
    void a_decompression_bomb_is_refused_with_413_before_it_is_decoded() throws Exception {
        byte[] bomb = Uploads.bomb(16_000, 16_000);
        try (TestServer s = server()) {
            TestServer.Response r = upload(s, "/api/ocr", bomb);
            assertError(r, 413, "16000 x 16000 pixels");
            assertEquals(OcrSettings.DEFAULT_MAX_PIXELS, r.json().get("max_pixels").asLong());
            assertNoTempFiles();
        }
    }

    @Test
    void what_is_not_an_image_is_refused_with_415() throws Exception {
        byte[] html = "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);
        try (TestServer s = server()) {
            assertError(s.postRaw("/api/ocr", "image/png", html), 415, "not an image");
            assertError(upload(s, "/api/ocr", html), 415, "not an image");
            TestServer.Response text = s.postRaw("/api/ocr", "text/plain", html);
            assertError(text, 415, "multipart/form-data");
            assertTrue(text.json().get("accepted").toString().contains("image/webp"), text.body());
            assertNoTempFiles();
        }
    }

    @Test
    void a_damaged_image_or_a_form_without_one_is_refused_with_400() throws Exception {
        // without Tesseract every upload is answered 503 first (the next test): skipped, not failed
        Tools.requireTesseract();
        byte[] damaged = PNG.clone();
        for (int i = 60; i < damaged.length - 12; i++) {
            damaged[i] = (byte) (i * 31);
        }
        try (TestServer s = server()) {
            assertError(upload(s, "/api/ocr", damaged), 400, "damaged");
            assertError(s.postRaw("/api/ocr", "image/png", Arrays.copyOf(PNG, 20)), 400, "cannot be decoded");
            assertError(s.postRaw("/api/ocr", Uploads.formType(), Uploads.form("file", "image/png", PNG)), 400, "no file field 'image'");
            assertError(s.postRaw("/api/ocr", Uploads.formType(), "--nonsense".getBytes(StandardCharsets.UTF_8)), 400, "malformed");
            assertError(s.postRaw("/api/ocr", "image/png", new byte[0]), 415, "empty");
            assertNoTempFiles();
        }
    }

    @Test
    void without_tesseract_ocr_answers_503_saying_how_to_install_it_and_health_says_so() throws Exception {
        try (TestServer s = server("GATEWAY_DOCTOR_TESSERACT", work.resolve("no-such-tesseract").toString())) {
            TestServer.Response r = upload(s, "/api/ocr", PNG);
            assertError(r, 503, "apt-get install tesseract-ocr tesseract-ocr-eng");
            assertEquals("apt-get install tesseract-ocr tesseract-ocr-eng", r.json().get("install").asText());
            assertError(s.postRaw("/api/chat", "image/png", PNG), 503, "Install Tesseract");
            JsonNode health = s.get("/health").json();
            assertFalse(health.get("ocr").asBoolean(), health.toString());
            assertEquals("ok", health.get("status").asText());
            // Text conversations do not need Tesseract.
            assertEquals(200, s.post("/api/chat", Map.of("message", "502 Bad Gateway nginx")).status());
            assertNoTempFiles();
        }
    }

    @Test
    void health_reports_ocr_available_where_tesseract_is_installed() {
        Tools.requireTesseract();
        try (TestServer s = server()) {
            assertTrue(s.get("/health").json().get("ocr").asBoolean());
        }
    }

    @Test
    void a_full_queue_answers_429_with_retry_after_while_the_admitted_upload_goes_on() throws Exception {
        Tools.requireTesseract();
        String[] lines = new String[60];
        Arrays.fill(lines, "connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting");
        byte[] page = Degradation.png(Uploads.drawn(2400, 2500, 18, lines)); // seconds of Tesseract
        try (TestServer s = server("GATEWAY_DOCTOR_OCR_WORKERS", "1", "GATEWAY_DOCTOR_OCR_QUEUE", "0")) {
            // The first upload takes the only place and is read for a while.
            CompletableFuture<TestServer.Response> first = CompletableFuture.supplyAsync(() -> upload(s, "/api/ocr", page));
            OcrQueue queue = s.app().screenshots().queue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (queue.admitted() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, queue.admitted(), "the first upload never reached the queue");

            TestServer.Response second = upload(s, "/api/ocr", PNG);
            assertError(second, 429, "too many images");
            assertNotNull(second.header("Retry-After"));
            assertTrue(Long.parseLong(second.header("Retry-After")) >= 1);
            assertError(s.postRaw("/api/chat", "image/png", PNG), 429, "try again");
            assertNotEquals(429, first.get(60, TimeUnit.SECONDS).status(), "the admitted upload was refused");
        }
        assertNoTempFiles();
    }

    @Test
    void an_upload_that_stalls_mid_body_holds_no_place_in_the_queue() throws Exception {
        Tools.requireTesseract();
        try (TestServer s = server("GATEWAY_DOCTOR_OCR_WORKERS", "1", "GATEWAY_DOCTOR_OCR_QUEUE", "0");
                Socket slow = new Socket("localhost", s.app().port())) {
            // Like a phone on a bad network: its body is collected as it comes, without a thread or a place.
            slow.setSoTimeout(60_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/ocr HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\nContent-Length: " + PNG.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(PNG, 0, 100);
            out.flush();
            Thread.sleep(300);
            assertEquals(0, s.app().screenshots().queue().admitted());
            assertNotEquals(429, upload(s, "/api/ocr", PNG).status(), "a stalled upload held the only place");

            out.write(PNG, 100, PNG.length - 100);
            out.flush();
            String status = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertTrue(status.startsWith("HTTP/1.1 "), status);
            assertNotEquals("429", status.substring(9, 12), "the stalled upload, once complete, was refused");
        }
        assertNoTempFiles();
    }

    @Test
    void tesseract_running_over_its_time_is_killed_and_answered_with_422() throws Exception {
        Tools.requireTesseract();
        String[] lines = new String[60];
        Arrays.fill(lines, "connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting");
        byte[] page = Degradation.png(Uploads.drawn(2400, 2500, 18, lines));
        try (TestServer s = server("GATEWAY_DOCTOR_OCR_TIMEOUT", "0.3")) {
            long start = System.nanoTime();
            TestServer.Response r = upload(s, "/api/ocr", page);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertError(r, 422, "longer than 0.3 s");
            assertTrue(ms < 10_000, "answered after " + ms + " ms");
            assertTrue(ProcessHandle.current().descendants()
                    .noneMatch(p -> p.isAlive() && p.info().command().orElse("").contains("tesseract")), "tesseract still runs");
            assertNoTempFiles();
        }
    }

    @Test
    void no_temporary_file_outlives_a_successful_read() throws Exception {
        Tools.requireTesseract();
        try (TestServer s = server()) {
            TestServer.Response r = upload(s, "/api/ocr", PNG);
            assertEquals(200, r.status(), r.body());
            assertTrue(r.json().get("text").asText().contains("502 Bad Gateway"), r.body());
            assertEquals(200, s.postRaw("/api/chat", "image/png", PNG).status());
            assertNoTempFiles();
        }
    }

    @Test
    void an_image_without_text_is_answered_with_422() throws Exception {
        Tools.requireTesseract();
        byte[] blank = Degradation.png(Uploads.drawn(300, 200, 20));
        try (TestServer s = server()) {
            TestServer.Response r = upload(s, "/api/ocr", blank);
            assertError(r, 422, "no text was found");
            assertNoTempFiles();
        }
    }

    @Test
    void an_image_cannot_continue_a_conversation() throws Exception {
        try (TestServer s = server()) {
            TestServer.Response r = s.postRaw("/api/chat", Uploads.formType(), Uploads.form("image", "image/png", PNG, "state", "x"));
            assertError(r, 400, "only start a conversation");
            assertNoTempFiles();
        }
    }
}
