package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload spool files outlive a killed server only until the next start. */
class SpoolFolderTest {

    /** A server stand-in: claims a spool folder, leaves a part in it, says where, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        SpoolFolder spool = SpoolFolder.claim(Path.of(args[0]));
        Files.write(spool.path().resolve("MultiPart-part.tmp"), new byte[4096]);
        System.out.println(spool.path());
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    void the_folder_of_a_killed_process_is_removed_at_the_next_start_and_a_live_one_is_kept(@TempDir Path work) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SpoolFolderTest.class.getName(), work.toString())
                .redirectErrorStream(true).start();
        Path left;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            left = Path.of(out.readLine().strip());
            try (SpoolFolder live = SpoolFolder.claim(work)) {
                assertTrue(Files.exists(left.resolve("MultiPart-part.tmp")), "a live server's parts are left alone");
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                assertTrue(Files.exists(left.resolve("MultiPart-part.tmp")), "kill -9 leaves the part behind");
                try (SpoolFolder restarted = SpoolFolder.claim(work)) {
                    assertFalse(Files.exists(left), "the killed server's folder is removed at start");
                    assertTrue(Files.isDirectory(live.path()), "another live server's folder is kept");
                }
            }
        } finally {
            child.destroyForcibly();
        }
        try (var files = Files.list(work)) {
            assertEquals(0, files.count(), "a stopped server removes its own folder");
        }
    }
}
