package dev.gatewaydoctor.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an uploaded screenshot into text: size and format checks, then (one worker at a time per
 * core) decoding, preprocessing and Tesseract, with every temporary file removed before it returns.
 * Knows nothing of HTTP; thread-safe.
 */
public final class ScreenshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenshotReader.class);

    private final long maxBytes;
    private final ImageCheck check;
    private final Preprocessing preprocessing;
    private final Tesseract tesseract;
    private final OcrQueue queue;
    private final Path workDir;

    public ScreenshotReader(long maxBytes, ImageCheck check, Preprocessing preprocessing, Tesseract tesseract,
            OcrQueue queue, Path workDir) {
        this.maxBytes = maxBytes;
        this.check = check;
        this.preprocessing = preprocessing;
        this.tesseract = tesseract;
        this.queue = queue;
        this.workDir = workDir;
    }

    /**
     * The service as configured: {@link Preprocessing#SCREENSHOT} and automatic page layout. The
     * work folder is made now, so a wrong GATEWAY_DOCTOR_OCR_TMPDIR stops the start with its name.
     */
    public static ScreenshotReader from(OcrSettings settings) {
        try {
            Files.createDirectories(settings.workDir());
        } catch (IOException e) {
            throw new IllegalArgumentException("GATEWAY_DOCTOR_OCR_TMPDIR: cannot create the folder " + settings.workDir());
        }
        return new ScreenshotReader(settings.maxBytes(), new ImageCheck(settings.maxPixels()), Preprocessing.SCREENSHOT,
                new Tesseract(settings.tesseract(), settings.timeout(), List.of(), settings.workDir()),
                new OcrQueue(settings.workers(), settings.queue(), settings.timeout()), settings.workDir());
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Path workDir() {
        return workDir;
    }

    /** Whether Tesseract runs here (for /health). */
    public boolean available() {
        return tesseract.available();
    }

    public OcrQueue queue() {
        return queue;
    }

    /** Admits, reads and releases: for callers that hold the image already. */
    public String read(byte[] image) throws OcrException, InterruptedException {
        try (OcrQueue.Ticket ticket = queue.enter()) {
            return read(ticket, image);
        }
    }

    /** Reads {@code image} with a place taken in the queue before the upload was read. */
    public String read(OcrQueue.Ticket ticket, byte[] image) throws OcrException, InterruptedException {
        if (image.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (image.length == 0) {
            throw new OcrException(OcrException.Reason.NOT_AN_IMAGE, "the image is empty: send a screenshot");
        }
        ImageCheck.Header header = check.inspect(image);
        if (!tesseract.available()) {
            throw Tesseract.unavailable(tesseract.problem());
        }
        String text = ticket.run(() -> recognise(image, header));
        if (text.isBlank()) {
            throw new OcrException(OcrException.Reason.NO_TEXT,
                    "no text was found in the image: send a screenshot where the error message is readable");
        }
        return text;
    }

    private String recognise(byte[] image, ImageCheck.Header header) throws OcrException, InterruptedException {
        BufferedImage prepared = preprocessing.apply(check.decode(image, header));
        try (TempFolder dir = TempFolder.create(workDir)) {
            Path png = dir.path().resolve("in.png");
            if (!ImageIO.write(prepared, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
            return clean(tesseract.read(png, dir.path()));
        } catch (IOException e) {
            LOG.warn("cannot write the image for Tesseract under {}: {}", workDir, e.toString());
            throw new OcrException(OcrException.Reason.UNAVAILABLE, "the server cannot store the image for reading it");
        }
    }

    /** Tesseract ends pages with a form feed and separates blocks with blank lines: keep one. */
    static String clean(String text) {
        return text.replace('\f', '\n').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    public static OcrException tooLarge(long maxBytes) {
        return new OcrException(OcrException.Reason.TOO_LARGE,
                "the image is larger than the limit of " + maxBytes + " bytes: crop the screenshot or save it as JPEG",
                Map.of("limit", maxBytes));
    }
}
