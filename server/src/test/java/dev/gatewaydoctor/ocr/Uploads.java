package dev.gatewaydoctor.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Bodies for upload tests: multipart forms, images drawn with Java2D, and a PNG decompression bomb. */
final class Uploads {

    static final String BOUNDARY = "gd-test-boundary-7f3a";

    private Uploads() {}

    /** A form with the image in {@code field} and any text fields given as name/value pairs. */
    static byte[] form(String field, String contentType, byte[] image, String... textFields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i + 1 < textFields.length; i += 2) {
            write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + textFields[i] + "\"\r\n\r\n"
                    + textFields[i + 1] + "\r\n");
        }
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"screenshot\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n");
        out.writeBytes(image);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    static String formType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    static HttpRequest.BodyPublisher bytes(byte[] body) {
        return HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Black text lines on white, drawn with Java2D: an image that needs no browser. */
    static BufferedImage drawn(int width, int height, int fontSize, String... lines) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
        int y = fontSize * 2;
        for (String line : lines) {
            g.drawString(line, fontSize, y);
            y += fontSize * 2;
        }
        g.dispose();
        return image;
    }

    /**
     * A real PNG decompression bomb: a 1-bit greyscale image of {@code width} x {@code height} pixels
     * whose all-zero rows deflate to almost nothing (16000 x 16000 is about 30 KB on the wire and a
     * gigabyte once decoded to ARGB).
     */
    static byte[] bomb(int width, int height) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, greyscale, deflate, no filter, no interlace
            chunk(png, "IHDR", ihdr.toByteArray());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
                byte[] row = new byte[1 + (width + 7) / 8]; // filter byte + packed pixels, all zero
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            }
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        DataOutputStream out = new DataOutputStream(png);
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }
}
