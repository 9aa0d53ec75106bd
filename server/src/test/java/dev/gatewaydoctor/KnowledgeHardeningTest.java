package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A KB folder that goes wrong on disk: reported, served from the last good KB, and said so by /health. */
class KnowledgeHardeningTest {

    static void copyBundled(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("kb"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void an_edit_changes_the_fingerprint_even_after_a_dangling_link_that_sorts_first(@TempDir Path dir) throws Exception {
        copyBundled(dir);
        Files.createSymbolicLink(dir.resolve("000-gone.md"), dir.resolve("no-such-file.md"));
        long before = Knowledge.fingerprint(List.of(dir));
        Path nginx = dir.resolve("502-nginx.md");
        Files.writeString(nginx, Files.readString(nginx) + "\n");
        assertNotEquals(before, Knowledge.fingerprint(List.of(dir)));
    }

    @Test
    void a_glossary_edit_changes_the_fingerprint_so_a_reload_sees_it(@TempDir Path dir) throws Exception {
        copyBundled(dir);
        long without = Knowledge.fingerprint(List.of(dir));
        Path glossary = dir.resolve("glossary.fr.txt");
        Files.writeString(glossary, "hebergement => hosting\n");
        long with = Knowledge.fingerprint(List.of(dir));
        assertNotEquals(without, with);
        Files.writeString(glossary, "hebergement, hebergeur => hosting host\n");
        long edited = Knowledge.fingerprint(List.of(dir));
        assertNotEquals(with, edited);
        Files.writeString(dir.resolve("notes.txt"), "not a KB file");
        assertEquals(edited, Knowledge.fingerprint(List.of(dir)), "a file that is neither an entry nor a glossary is not watched");
    }

    @Test
    void a_dangling_link_is_a_problem_with_its_file_not_a_silent_skip(@TempDir Path dir) throws Exception {
        copyBundled(dir);
        Files.createSymbolicLink(dir.resolve("000-gone.md"), dir.resolve("no-such-file.md"));
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(dir)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().contains("000-gone.md"), e.getMessage());
        assertTrue(e.problems().get(0).toString().contains("symbolic link"), e.getMessage());
    }

    @Test
    void an_entry_file_over_the_size_limit_is_a_problem_with_file_and_line(@TempDir Path dir) throws Exception {
        copyBundled(dir);
        Path nginx = dir.resolve("502-nginx.md");
        Files.writeString(nginx, Files.readString(nginx) + ("padding line\n").repeat(100_000));
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(dir)));
        String problem = e.problems().get(0).toString();
        assertTrue(problem.contains("502-nginx.md:"), problem);
        assertTrue(problem.contains("larger than the limit of " + KbLoader.MAX_ENTRY_BYTES), problem);
        assertTrue(e.problems().get(0).line() > 1000, problem);
    }

    @Test
    void health_says_stale_while_the_kb_on_disk_is_refused_and_current_once_it_is_fixed(@TempDir Path dir) throws Exception {
        copyBundled(dir);
        Settings settings = new Settings("127.0.0.1", 0, List.of(dir), Map.of("GATEWAY_DOCTOR_KB_RELOAD_SECONDS", "1"));
        try (App app = new App(settings, KbLoader.load(List.of(dir))).start()) {
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + app.port() + "/health");
            JsonNode kb = get(http, health).get("kb");
            assertEquals("current", kb.get("status").asText());
            assertEquals(0, kb.get("problems").asInt());

            Path link = dir.resolve("000-gone.md");
            Files.createSymbolicLink(link, dir.resolve("no-such-file.md"));
            JsonNode stale = waitFor(http, health, "stale");
            assertEquals("ok", get(http, health).get("status").asText(), "still serving the last good KB");
            assertEquals(1, stale.get("problems").asInt());
            assertFalse(stale.get("since").asText().isEmpty());

            Files.delete(link);
            Path nginx = dir.resolve("502-nginx.md");
            Files.writeString(nginx, Files.readString(nginx).replaceFirst("(?m)^title: .*$", "title: Renamed while stale"));
            waitFor(http, health, "current");
            HttpResponse<String> entry = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                    + "/api/kb/502-nginx")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(entry.body().contains("Renamed while stale"), entry.body());
        }
    }

    static JsonNode get(HttpClient http, URI uri) throws Exception {
        return TestServer.JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    static JsonNode waitFor(HttpClient http, URI health, String status) throws Exception {
        JsonNode kb = null;
        for (int i = 0; i < 100; i++) {
            kb = get(http, health).get("kb");
            if (kb.get("status").asText().equals(status)) {
                return kb;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("kb never became " + status + ": " + kb);
    }

    @Test
    void the_matcher_runs_on_the_kb_own_wordings_before_the_server_listens() {
        Knowledge k = new Knowledge(TestServer.bundledKb(), dev.gatewaydoctor.match.Tuning.defaults());
        int n = k.warmUp();
        assertTrue(n >= TestServer.bundledKb().size(), n + " texts");
        assertTrue(n <= Knowledge.WARM_UP_MAX);
    }
}
