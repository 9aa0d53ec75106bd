package dev.gatewaydoctor.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.PackagedJar;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two server processes (the packaged jar) share one PostgreSQL, as replicas do; the turns of one
 * conversation alternate between them, and the report counts everything once. Needs a server:
 * {@code .ci/run} starts one and sets {@value #URL}; with {@value #REQUIRE}=1 a missing one fails.
 */
class OutcomesPostgresIT {

    static final String URL = "GATEWAY_DOCTOR_TEST_POSTGRES_URL";
    static final String REQUIRE = "GATEWAY_DOCTOR_REQUIRE_POSTGRES";
    static final String KEY = "admin-key-of-the-replica-test";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void two_replicas_alternating_the_turns_of_one_conversation_count_it_once() throws Exception {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            if ("1".equals(System.getenv(REQUIRE))) {
                fail(REQUIRE + "=1 but " + URL + " is not set: no PostgreSQL to test against");
            }
            Assumptions.abort("no PostgreSQL (" + URL + " unset): skipped");
        }
        String user = System.getenv().getOrDefault("GATEWAY_DOCTOR_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("GATEWAY_DOCTOR_TEST_POSTGRES_PASSWORD", "");
        // A schema of its own per run, so that earlier runs do not count.
        String schema = "gd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String db = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Map<String, String> env = Map.of("GATEWAY_DOCTOR_DB", db, "GATEWAY_DOCTOR_DB_USER", user,
                "GATEWAY_DOCTOR_DB_PASSWORD", password, "GATEWAY_DOCTOR_STATE_KEY", "one-key-for-every-replica-0123",
                AdminController.ENV, KEY);
        try (PackagedJar a = new PackagedJar(env)) {
            assertEquals(200, a.get("/health").statusCode()); // the first migrates; the second finds the schema done
            try (PackagedJar b = new PackagedJar(env)) {
                assertEquals(200, b.get("/health").statusCode());
                PackagedJar[] replicas = {a, b};
                JsonNode r = chat(a, Map.of("message", "502 Bad Gateway\nnginx", "channel", "widget"));
                int turns = 0;
                while (!r.at("/node/kind").asText().equals("fix") && turns < 10) {
                    turns++;
                    r = chat(replicas[turns % 2], Map.of("state", r.get("state").asText(),
                            "choice", r.at("/node/options/0/id").asText()));
                }
                assertEquals("fix", r.at("/node/kind").asText(), r.toString());
                turns++;
                r = chat(replicas[turns % 2], Map.of("state", r.get("state").asText(), "choice", "fixed"));
                assertEquals("fixed", r.at("/node/id").asText());

                JsonNode report = null;
                for (int i = 0; i < 100; i++) {
                    report = admin(i % 2 == 0 ? a : b);
                    if (report.at("/totals/fixed").asInt() >= 1) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertEquals(1, report.at("/totals/conversations").asInt(), report.toString());
                assertEquals(1, report.at("/totals/fixed").asInt(), report.toString());
                assertEquals(1, report.at("/totals/reachedFix").asInt(), report.toString());
                assertEquals(1.0, report.at("/totals/resolutionRate").asDouble(), report.toString());
                assertEquals(report.get("totals"), admin(b).get("totals"), "both replicas read the same record");
                try (Connection c = DriverManager.getConnection(db, user, password); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT turn) FROM steps")) {
                    rs.next();
                    assertEquals(turns, rs.getInt(1), "one row per turn");
                    assertEquals(turns, rs.getInt(2));
                }
            }
        }
    }

    static JsonNode chat(PackagedJar server, Map<String, Object> body) throws Exception {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(server.uri("/api/chat"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        assertEquals(200, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    static JsonNode admin(PackagedJar server) throws Exception {
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(server.uri("/api/admin/report"))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(20)).GET().build());
        assertTrue(res.statusCode() == 200, res.body());
        return JSON.readTree(res.body());
    }
}
