package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.gatewaydoctor.PackagedJar;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar reads a WebP screenshot: the WebP reader is found through ImageIO's service
 * registry, which only works if packaging kept its service file.
 */
class OcrJarIT {

    @Test
    void the_jar_reads_a_webp_screenshot() throws Exception {
        try (PackagedJar jar = new PackagedJar()) {
            HttpRequest request = HttpRequest.newBuilder(jar.uri("/api/ocr")).header("Content-Type", "image/webp")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofFile(ImageCheckTest.WEBP)).build();
            HttpResponse<String> r = jar.send(request);
            JsonNode body = new ObjectMapper().readTree(r.body());
            if (r.statusCode() == 503) {
                // No Tesseract here: the image passed the WebP checks and only reading it failed.
                Tools.requireTesseract();
            }
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("502-nginx", body.get("match").get("results").get(0).get("id").asText(), r.body());
        }
    }
}
