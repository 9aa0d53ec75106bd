package dev.gatewaydoctor.ocr;

import dev.gatewaydoctor.Settings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and tools for reading screenshots, from the environment.
 *
 * @param tesseract the Tesseract command (a name on the PATH or a path)
 * @param maxBytes largest accepted upload
 * @param maxPixels largest accepted width x height, checked from the header before decoding
 * @param timeout time one image may take in Tesseract before it is killed; also the longest a
 *     request waits in the queue
 * @param workers images read at the same time
 * @param queue requests that may wait for a worker; more are refused with 429
 * @param workDir where the per-image temporary folders are made (and always removed)
 */
public record OcrSettings(String tesseract, long maxBytes, long maxPixels, Duration timeout, int workers, int queue,
        Path workDir) {

    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
    /** 25 megapixels: a 5K screenshot or a 12-megapixel phone photo, about 100 MB once decoded. */
    public static final long DEFAULT_MAX_PIXELS = 25_000_000L;
    /** No side may be longer, whatever the area: a 1 x 25,000,000 image is no screenshot. */
    public static final int MAX_SIDE = 16_384;

    public OcrSettings {
        if (tesseract == null || tesseract.isBlank()) {
            throw new IllegalArgumentException("the Tesseract command is empty");
        }
        if (maxBytes < 1 || maxPixels < 1 || workers < 1 || queue < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("OCR limits must be positive");
        }
    }

    public static OcrSettings from(Settings settings) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new OcrSettings(
                settings.env("GATEWAY_DOCTOR_TESSERACT", "tesseract"),
                whole(settings, "GATEWAY_DOCTOR_OCR_MAX_BYTES", DEFAULT_MAX_BYTES, 1, 1L << 30),
                whole(settings, "GATEWAY_DOCTOR_OCR_MAX_PIXELS", DEFAULT_MAX_PIXELS, 1, (long) MAX_SIDE * MAX_SIDE),
                Duration.ofMillis(Math.round(1000 * positive(settings, "GATEWAY_DOCTOR_OCR_TIMEOUT", 20))),
                (int) whole(settings, "GATEWAY_DOCTOR_OCR_WORKERS", cores, 1, 256),
                (int) whole(settings, "GATEWAY_DOCTOR_OCR_QUEUE", 2L * cores, 0, 1024),
                Path.of(settings.env("GATEWAY_DOCTOR_OCR_TMPDIR", System.getProperty("java.io.tmpdir"))));
    }

    private static long whole(Settings settings, String name, long fallback, long min, long max) {
        double v = settings.envNumber(name, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(name + " must be a whole number between " + min + " and " + max);
        }
        return (long) v;
    }

    private static double positive(Settings settings, String name, double fallback) {
        double v = settings.envNumber(name, fallback);
        if (!(v > 0) || v > 3600) {
            throw new IllegalArgumentException(name + " must be a number of seconds above 0 and at most 3600");
        }
        return v;
    }
}
