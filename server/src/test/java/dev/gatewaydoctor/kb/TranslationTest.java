package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries translated in per-language files ({@code <id>.<lang>.md}): loading, validating, answering in them. */
class TranslationTest {

    static final Path KB = Path.of("server/src/test/resources/kb-handoff");

    @Test
    void a_translation_is_loaded_beside_its_entry_and_lends_it_its_wordings() throws KbException {
        Kb kb = KbLoader.load(List.of(KB));
        assertEquals(1, kb.size(), "a translation is not an entry of its own");
        Entry de = kb.translation("disk-full", "de").orElseThrow();
        assertEquals("Die Festplatte des Servers ist voll", de.title());
        assertEquals(de, kb.translation("disk-full", "de-AT").orElseThrow(), "a regional tag finds the language");
        assertTrue(kb.translation("disk-full", "fr").isEmpty());
        assertTrue(kb.expectEntry("disk-full").variants().contains("Kein Speicherplatz mehr auf dem Gerät"));
    }

    @Test
    void the_chat_answers_from_the_translation_in_the_requested_language() {
        try (TestServer server = new TestServer(load(KB), Map.of())) {
            TestServer.Response r = server.post("/api/chat", Map.of("message", "Kein Speicherplatz mehr auf dem Gerät", "lang", "de"));
            assertEquals(200, r.status(), r.body());
            assertEquals("disk-full", r.json().get("entry").get("id").asText(), "German wording finds the entry");
            assertEquals("de", r.json().get("lang").asText());
            assertEquals("Die Festplatte des Servers ist voll", r.json().get("entry").get("title").asText());
            assertEquals("Speicherplatz freigeben", r.json().get("node").get("title").asText());
            assertTrue(r.json().get("node").get("html").asText().contains("Alte Logs"), r.body());

            TestServer.Response en = server.post("/api/chat", Map.of("message", "No space left on device", "lang", "fr"));
            assertEquals("Free some space", en.json().get("node").get("title").asText(), "no French: the entry as written");
            assertTrue(en.json().get("lang").isNull());
            assertEquals(400, server.post("/api/chat", Map.of("message", "x", "lang", "<de>")).status());
        }
    }

    @Test
    void a_translation_that_does_not_mirror_its_entry_is_rejected(@TempDir Path dir) throws Exception {
        Files.copy(KB.resolve("disk-full.md"), dir.resolve("disk-full.md"));
        String de = Files.readString(KB.resolve("disk-full.de.md"));
        Files.writeString(dir.resolve("disk-full.de.md"), de.replace("id=\"free-space\"", "id=\"platz\""));
        Files.writeString(dir.resolve("disk-full.es.md"), de.replace("lang: de\n", "lang: es\ntags: [disk]\n"));
        Files.writeString(dir.resolve("disk-full-fr.md"), de.replace("lang: de", "lang: fr"));
        Files.writeString(dir.resolve("other.de.md"), de.replace("id: disk-full", "id: other"));
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(dir)));
        String all = e.getMessage();
        for (String expected : new String[] {"the first node must be 'free-space'", "node 'free-space' of disk-full.md is not translated",
                "node 'platz' is not in disk-full.md", "a translation takes 'tags' from its entry",
                "must be named disk-full.fr.md", "translation of unknown entry 'other'"}) {
            assertTrue(all.contains(expected), "expected \"" + expected + "\" in:\n" + all);
        }
    }

    static Kb load(Path folder) {
        try {
            return KbLoader.load(List.of(folder));
        } catch (KbException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
