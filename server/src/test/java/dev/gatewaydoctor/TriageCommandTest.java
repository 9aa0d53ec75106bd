package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway-doctor triage DIR}: a folder of .eml, .json and .jsonl tickets to a JSONL report. */
class TriageCommandTest {

    static final Path BATCH = Path.of("server/src/test/resources/tickets/batch");
    /** Two entries: enough where only the plumbing is tested, and quick to index. */
    static final String SMALL_KB = "server/src/test/resources/tickets/kb";
    private static final ObjectMapper JSON = new ObjectMapper();

    static MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    static Map<String, JsonNode> bySource(String jsonl) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                out.put(n.get("source").asText(), n);
            }
        }
        return out;
    }

    @Test
    void a_folder_of_emails_and_json_tickets_becomes_a_report_and_a_summary(@TempDir Path dir) throws IOException {
        Path tickets = dir.resolve("queue");
        Files.createDirectories(tickets);
        try (Stream<Path> files = Files.list(BATCH)) {
            for (Path f : files.toList()) {
                Files.copy(f, tickets.resolve(f.getFileName()));
            }
        }
        Path report = dir.resolve("report.jsonl");
        MainTest.Run r = run("triage", tickets.toString(), "--out", report.toString(), "--kb", "kb");
        assertEquals(0, r.code(), r.err());

        Map<String, JsonNode> lines = bySource(Files.readString(report));
        assertEquals(7, lines.size(), lines.keySet().toString());

        JsonNode outlook = lines.get("outlook-reply-cloudflare.eml");
        assertEquals("502-cloudflare", outlook.get("results").get(0).get("id").asText(), outlook.toString());
        assertTrue(outlook.get("removed").toString().contains("quoted history"));
        assertFalse(outlook.get("text").asText().contains("PHP-FPM is not running"), outlook.get("text").asText());
        assertTrue(outlook.get("reply").get("text").asText().startsWith("Hello Ken Okafor,"));

        JsonNode wordpress = lines.get("wordpress-plugin-with-log.eml");
        assertEquals("wordpress-plugin-theme", wordpress.get("results").get(0).get("id").asText(), wordpress.toString());
        assertTrue(wordpress.get("text").asText().contains("wc_get_product()"), "the attached log is read");
        assertFalse(wordpress.get("text").asText().contains("Fischer Reisen"), "the signature is not");

        assertEquals("escalate", lines.get("billing-address.eml").get("action").asText());
        assertEquals("php-fpm-timeout", lines.get("queue.jsonl:1").get("results").get(0).get("id").asText());
        assertEquals("q-1", lines.get("queue.jsonl:1").get("ticket_id").asText());
        assertEquals("not valid JSON", lines.get("queue.jsonl:3").get("error").asText());
        assertEquals("9001", lines.get("zendesk-export.json[0]").get("ticket_id").asText());

        assertTrue(r.out().matches("(?s)tickets\\s+6\\n.*"), r.out());
        assertTrue(r.out().contains("auto_reply"), r.out());
        assertTrue(r.out().contains("unmatched"), r.out());
        assertTrue(r.out().contains("unreadable                        1"), r.out());
        assertTrue(r.out().contains("  502-cloudflare"), r.out());
    }

    @Test
    void without_out_the_report_goes_to_standard_output_and_the_summary_to_standard_error(@TempDir Path dir) throws IOException {
        Files.copy(BATCH.resolve("billing-address.eml"), dir.resolve("billing-address.eml"));
        MainTest.Run r = run("triage", dir.toString(), "--kb", SMALL_KB);
        assertEquals(0, r.code(), r.err());
        assertEquals("escalate", bySource(r.out()).get("billing-address.eml").get("action").asText());
        assertTrue(r.err().contains("tickets"), r.err());
    }

    @Test
    void triage_needs_an_existing_folder() {
        assertEquals(2, run("triage").code());
        assertEquals(2, run("validate", "--out", "x.jsonl").code());
        MainTest.Run missing = run("triage", "no/such/folder", "--kb", SMALL_KB);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("not a folder"), missing.err());
    }
}
