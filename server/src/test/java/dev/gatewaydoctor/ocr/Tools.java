package dev.gatewaydoctor.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The external programs OCR tests need. Missing, a test is skipped with a message saying what to
 * install, unless GATEWAY_DOCTOR_REQUIRE_OCR=1 (or _BROWSER=1) makes it a failure, as in CI.
 */
final class Tools {

    static final String CHROMIUM = "chromium";

    private static Boolean tesseract;
    private static Boolean chromium;

    private Tools() {}

    static synchronized void requireTesseract() {
        if (tesseract == null) {
            tesseract = runs("tesseract", "--list-langs") && langs().contains("eng");
        }
        require(tesseract, "GATEWAY_DOCTOR_REQUIRE_OCR",
                "Tesseract with English is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)");
    }

    static synchronized void requireChromium() {
        if (chromium == null) {
            chromium = runs(CHROMIUM, "--version");
        }
        require(chromium, "GATEWAY_DOCTOR_REQUIRE_BROWSER", "Chromium is not installed (apt-get install chromium)");
    }

    private static void require(boolean present, String env, String message) {
        if (!present && "1".equals(System.getenv(env))) {
            throw new AssertionError(message + ", and " + env + "=1 requires it");
        }
        Assumptions.assumeTrue(present, message + ": skipping");
    }

    private static String langs() {
        try {
            Path out = Files.createTempFile("gd-langs", ".txt");
            try {
                Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                p.waitFor(20, TimeUnit.SECONDS);
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
