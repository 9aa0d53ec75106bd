package dev.gatewaydoctor;

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
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The packaged jar, started the way the README says, serves the bundled KB. */
class JarIT {

    @Test
    void the_jar_serves_health_and_every_required_entry() throws Exception {
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
            HttpResponse<String> health = null;
            for (int i = 0; i < 200 && health == null; i++) {
                try {
                    health = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    assertTrue(p.isAlive(), "the server exited with " + (p.isAlive() ? "" : p.exitValue()));
                    Thread.sleep(100);
                }
            }
            assertEquals(200, health.statusCode());
            HttpResponse<String> kb = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/kb"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode entries = new ObjectMapper().readTree(kb.body()).get("entries");
            Set<String> ids = new HashSet<>();
            entries.forEach(e -> ids.add(e.get("id").asText()));
            assertTrue(ids.containsAll(dev.gatewaydoctor.kb.KbApiTest.REQUIRED), ids.toString());
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
