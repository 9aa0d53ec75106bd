package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The availability probe runs a real process (a script standing in for {@code tesseract}, whose
 * answer and delay the test changes): only the first question waits for it.
 */
class TesseractProbeTest {

    @TempDir
    Path work;

    /** A {@code tesseract} that takes {@code seconds} to list its languages and prints {@code langs}. */
    private Path fake(double seconds, String langs) throws Exception {
        Path script = work.resolve("tesseract");
        Files.writeString(script, "#!/bin/sh\nsleep " + seconds + "\nprintf '" + langs + "\\n'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void a_stale_answer_is_served_at_once_while_the_probe_runs_again_in_the_background() throws Exception {
        Path script = fake(0, "List of available languages (2):\\neng\\nosd");
        Path probes = Files.createDirectories(work.resolve("probes"));
        Tesseract tesseract = new Tesseract(script.toString(), Duration.ofSeconds(10), List.of(), probes, Duration.ZERO);
        assertTrue(tesseract.available(), "the first question waits for the probe");

        // Tesseract loses its English pack, and its probe now takes 3 s.
        fake(3, "List of available languages (1):\\nosd");
        long started = System.nanoTime();
        assertTrue(tesseract.available(), "the last answer, served while the new probe runs");
        for (int i = 0; i < 20; i++) {
            tesseract.available();
        }
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMs < 2_000, "no question waited for the 3 s probe: " + waitedMs + " ms");

        // The background probe's answer replaces the old one once it is in.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (tesseract.available() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(tesseract.available());
        assertTrue(tesseract.problem().contains("no 'eng' language pack"), tesseract.problem());
        settle(tesseract);
    }

    /** Waits for the background probe the last question started, which writes in the test's folder. */
    private static void settle(Tesseract tesseract) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (tesseract.probing() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void one_background_probe_runs_at_a_time() throws Exception {
        Path script = fake(0, "eng");
        Path probes = Files.createDirectories(work.resolve("probes"));
        Tesseract tesseract = new Tesseract(script.toString(), Duration.ofSeconds(10), List.of(), probes, Duration.ZERO);
        assertTrue(tesseract.available());

        // Each probe appends a line, then takes 3 s: many questions in that time start one.
        Path runs = work.resolve("runs.txt");
        Files.writeString(script, "#!/bin/sh\necho run >> '" + runs + "'\nsleep 3\necho eng\n");
        for (int i = 0; i < 50; i++) {
            tesseract.available();
        }
        // The first background probe starts (however slow the machine), and no second one runs
        // while it takes its 3 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(runs) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        for (int i = 0; i < 50; i++) {
            tesseract.available();
            Thread.sleep(10);
        }
        assertEquals(1, Files.readAllLines(runs).size(), "probes started");
        settle(tesseract);
    }
}
