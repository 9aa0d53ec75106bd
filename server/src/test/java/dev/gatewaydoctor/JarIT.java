package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The packaged jar, started the way the README says, serves the bundled KB. */
class JarIT {

    @Test
    void the_jar_serves_health_and_every_required_entry() throws Exception {
        try (PackagedJar jar = new PackagedJar()) {
            HttpResponse<String> health = jar.get("/health");
            assertEquals(200, health.statusCode());
            JsonNode entries = new ObjectMapper().readTree(jar.get("/api/kb").body()).get("entries");
            Set<String> ids = new HashSet<>();
            entries.forEach(e -> ids.add(e.get("id").asText()));
            assertTrue(ids.containsAll(dev.gatewaydoctor.kb.KbApiTest.REQUIRED), ids.toString());
        }
    }
}
