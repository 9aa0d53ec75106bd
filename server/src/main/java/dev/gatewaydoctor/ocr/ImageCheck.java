package dev.gatewaydoctor.ocr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Checks an uploaded image before any expensive work: its format from its first bytes (not from
 * what the client claims), its size in pixels from its header, and only then decodes it. Stateless
 * and thread-safe.
 */
public final class ImageCheck {

    /** The accepted formats, each with the bytes it starts with and its ImageIO reader name. */
    public enum Format {
        PNG("png", "image/png"),
        JPEG("jpeg", "image/jpeg"),
        GIF("gif", "image/gif"),
        WEBP("webp", "image/webp");

        private final String readerName;
        private final String mediaType;

        Format(String readerName, String mediaType) {
            this.readerName = readerName;
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        /** The format {@code bytes} start with, judged by their magic numbers alone. */
        public static Optional<Format> sniff(byte[] bytes) {
            if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return Optional.of(PNG);
            }
            if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
                return Optional.of(JPEG);
            }
            if (startsWith(bytes, 0, 'G', 'I', 'F', '8') && (startsWith(bytes, 4, '7', 'a') || startsWith(bytes, 4, '9', 'a'))) {
                return Optional.of(GIF);
            }
            if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
                return Optional.of(WEBP);
            }
            return Optional.empty();
        }

        private static boolean startsWith(byte[] bytes, int at, int... expected) {
            if (bytes.length < at + expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if ((bytes[at + i] & 0xFF) != expected[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What the header says: enough to refuse a decompression bomb without decoding it. */
    public record Header(Format format, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    private static final String ACCEPTED = "PNG, JPEG, GIF or WebP";

    private final long maxPixels;

    public ImageCheck(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The format and size of {@code bytes}, refusing what is not an accepted image or is too large. */
    public Header inspect(byte[] bytes) throws OcrException {
        Format format = Format.sniff(bytes).orElseThrow(() -> new OcrException(OcrException.Reason.NOT_AN_IMAGE,
                "this is not an image: send a screenshot as " + ACCEPTED, Map.of("accepted", mediaTypes())));
        Header header = withReader(bytes, format, reader -> new Header(format, reader.getWidth(0), reader.getHeight(0)));
        if (header.width() < 1 || header.height() < 1) {
            throw new OcrException(OcrException.Reason.UNREADABLE, "the " + format + " image has no pixels");
        }
        if (header.width() > OcrSettings.MAX_SIDE || header.height() > OcrSettings.MAX_SIDE || header.pixels() > maxPixels) {
            throw new OcrException(OcrException.Reason.TOO_MANY_PIXELS,
                    "the image is " + header.width() + " x " + header.height() + " pixels; the limit is " + maxPixels
                            + " pixels and " + OcrSettings.MAX_SIDE + " per side: crop or scale it down",
                    Map.of("width", header.width(), "height", header.height(), "max_pixels", maxPixels,
                            "max_side", OcrSettings.MAX_SIDE));
        }
        return header;
    }

    /** The first frame of an image that passed {@link #inspect}. */
    public BufferedImage decode(byte[] bytes, Header header) throws OcrException {
        return withReader(bytes, header.format(), reader -> reader.read(0));
    }

    /** The media types of the accepted formats, for error answers. */
    public static List<String> mediaTypes() {
        return Arrays.stream(Format.values()).map(Format::mediaType).toList();
    }

    private interface ReaderCall<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(byte[] bytes, Format format, ReaderCall<T> call) throws OcrException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
        if (!readers.hasNext()) {
            throw new OcrException(OcrException.Reason.NOT_AN_IMAGE, format + " images cannot be read here: send " + ACCEPTED);
        }
        ImageReader reader = readers.next();
        // In memory, not ImageIO's default file cache: nothing of an upload is left on disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            return call.apply(reader);
        } catch (IOException | RuntimeException e) {
            // Readers throw IOException, but also IllegalArgumentException and the like on corrupt input.
            throw new OcrException(OcrException.Reason.UNREADABLE, "the " + format + " image is damaged or truncated and cannot be decoded");
        } finally {
            reader.dispose();
        }
    }
}
