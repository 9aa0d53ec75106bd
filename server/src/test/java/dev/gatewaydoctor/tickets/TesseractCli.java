package dev.gatewaydoctor.tickets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ImageReader} that runs the real Tesseract command line ({@code tesseract in.png stdout}),
 * for the tests of tickets with screenshots until the OCR package is wired in.
 */
final class TesseractCli implements ImageReader {

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

    @Override
    public Optional<String> read(byte[] image, String contentType) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ticket-ocr");
            Path in = dir.resolve(contentType.endsWith("jpeg") ? "in.jpg" : "in.png");
            Files.write(in, image);
            Path out = dir.resolve("out.txt");
            // Output to a file, so a stuck process is ended by the timeout instead of blocking a read.
            Process p = new ProcessBuilder("tesseract", in.toString(), "stdout")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
