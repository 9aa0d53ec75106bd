package dev.gatewaydoctor.tickets;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the real Tesseract command line runs here, for the tests of tickets with screenshots
 * (which go through the server's own OCR).
 */
final class TesseractCli {

    static final String REQUIRE = "GATEWAY_DOCTOR_REQUIRE_OCR";

    /** Whether the {@code tesseract} command runs here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean required() {
        return "1".equals(System.getenv(REQUIRE));
    }
}
