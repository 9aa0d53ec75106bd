package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar reads a WebP screenshot: the WebP reader is found through ImageIO's service
 * registry, which only works if packaging kept its service file.
 */
class OcrJarIT {

    @Test
    void the_jar_reads_a_webp_screenshot() throws Exception {
        Path jar = Path.of(System.getProperty("gd.jar", "server/target/gateway-doctor.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged jar at " + jar);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI ocr = URI.create("http://localhost:" + port + "/api/ocr");
            HttpRequest request = HttpRequest.newBuilder(ocr).header("Content-Type", "image/webp")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofFile(ImageCheckTest.WEBP)).build();
            HttpResponse<String> r = null;
            for (int i = 0; i < 300 && r == null; i++) {
                try {
                    r = client.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue(r != null, "the jar did not start");
            JsonNode body = new ObjectMapper().readTree(r.body());
            if (r.statusCode() == 503) {
                // No Tesseract here: the image passed the WebP checks and only reading it failed.
                Tools.requireTesseract();
            }
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("502-nginx", body.get("match").get("results").get(0).get("id").asText(), r.body());
        } finally {
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
