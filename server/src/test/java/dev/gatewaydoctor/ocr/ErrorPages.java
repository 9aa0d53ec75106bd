package dev.gatewaydoctor.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;

/**
 * The realistic error pages under {@code ocr/pages/} and their screenshots, taken by headless
 * Chromium exactly as a user's browser would show them. Screenshots are cached per JVM.
 */
final class ErrorPages {

    static final Path FOLDER = Path.of("server/src/test/resources/ocr/pages");

    /** A page and the entry a screenshot of it must match. */
    record Page(String name, String entry) {
        Path file() {
            return FOLDER.resolve(name + ".html");
        }

        /** The words a reader sees on the page, for measuring how much of it OCR recovered. */
        String visibleText() {
            try {
                return Jsoup.parse(file().toFile(), "UTF-8").body().text();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A browser window: its size in CSS pixels and its device pixel ratio. */
    record Window(String name, int width, int height, int scale) {}

    static final Window DESKTOP = new Window("desktop 1280x800", 1280, 800, 1);
    static final Window SMALL = new Window("window 800x600", 800, 600, 1);
    static final Window HIDPI = new Window("hidpi 1440x900@2x", 1440, 900, 2);
    static final Window PHONE = new Window("phone 390x844@3x", 390, 844, 3);
    static final List<Window> WINDOWS = List.of(DESKTOP, SMALL, HIDPI, PHONE);

    private static final Map<String, byte[]> SHOTS = new ConcurrentHashMap<>();

    private ErrorPages() {}

    /** Every page with its expected entry, from {@code pages.tsv}. */
    static List<Page> all() {
        try (Stream<String> lines = Files.lines(FOLDER.resolve("pages.tsv"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t"))
                    .map(f -> new Page(f[0].strip(), f[1].strip()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Page page(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + name));
    }

    /** A Chromium screenshot of {@code page} in {@code window}, decoded. */
    static BufferedImage screenshot(Page page, Window window) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(file(page, window, "png")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file Chromium writes for a screenshot; it picks the format from the extension (png, jpeg, webp). */
    static byte[] file(Page page, Window window, String extension) {
        return SHOTS.computeIfAbsent(page.name() + "@" + window.name() + "." + extension, k -> take(page, window, extension));
    }

    private static byte[] take(Page page, Window window, String extension) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gd-chromium-");
            Path png = dir.resolve("shot." + extension);
            Process p = new ProcessBuilder(Tools.CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile"),
                    "--force-device-scale-factor=" + window.scale(),
                    "--window-size=" + window.width() + "," + window.height(),
                    "--screenshot=" + png, page.file().toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("chromium did not take the screenshot in 60 s");
            }
            if (p.exitValue() != 0 || !Files.exists(png)) {
                throw new IllegalStateException("chromium failed (exit " + p.exitValue() + ") on " + page.file());
            }
            return Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover profile folder in the temp dir is harmless
        }
    }
}
