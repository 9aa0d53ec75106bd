package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeTest {

    static final Path MAIL = Path.of("server/src/test/resources/kb-mail");

    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void a_reload_swaps_in_a_good_kb_and_keeps_the_old_one_when_the_new_one_is_bad(@TempDir Path dir) throws Exception {
        copy(MAIL, dir);
        Knowledge k = new Knowledge(KbLoader.load(List.of(dir)), dev.gatewaydoctor.match.Tuning.defaults());
        assertEquals(3, k.kb().size());
        Files.writeString(dir.resolve("greylisted.md"), Files.readString(dir.resolve("greylisted.md"))
                .replace("title: The message was greylisted", "title: Greylisted by the receiver"));
        assertTrue(k.reload(List.of(dir)).isEmpty());
        assertEquals("Greylisted by the receiver", k.kb().expectEntry("greylisted").title());
        assertTrue(k.matcher().kb() == k.kb(), "matcher and KB swapped together");

        Files.writeString(dir.resolve("broken.md"), "---\ntitle: no id\n---\n");
        List<String> problems = k.reload(List.of(dir));
        assertFalse(problems.isEmpty());
        assertTrue(problems.get(0).contains("broken.md"));
        assertEquals(3, k.kb().size(), "the old KB is still served");
    }

    @Test
    void the_server_picks_up_an_edited_kb_when_watching(@TempDir Path dir) throws Exception {
        copy(MAIL, dir);
        Settings settings = new Settings(0, List.of(dir), Map.of("GATEWAY_DOCTOR_KB_RELOAD_SECONDS", "1"));
        try (App app = new App(settings, KbLoader.load(List.of(dir))).start()) {
            Files.writeString(dir.resolve("relay-denied.md"), """
                    ---
                    id: relay-denied
                    title: Relaying denied
                    variants: ["554 5.7.1 Relay access denied"]
                    ---

                    # Relaying denied

                    ## <a id="auth"></a>Sign in before sending

                    Turn on SMTP authentication in your mail program.
                    """);
            boolean seen = false;
            for (int i = 0; i < 100 && !seen; i++) {
                Thread.sleep(100);
                seen = app.knowledge().kb().entry("relay-denied").isPresent();
            }
            assertTrue(seen, "the new entry is served without a restart");
            assertEquals("relay-denied", app.knowledge().matcher().match("554 5.7.1 Relay access denied", 1).results().get(0).id());
        }
    }
}
