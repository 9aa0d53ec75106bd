package dev.gatewaydoctor.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * What is done to a decoded image before Tesseract sees it. The steps are optional so that the OCR
 * bench can measure what each is worth; {@link #SCREENSHOT} is what read the rendered error pages
 * best. Measured and left out: contrast stretching, inverting dark images (Tesseract handles them)
 * and larger upscaling targets (they blow up text that is already large, as on phone screenshots).
 *
 * @param gray flatten transparency onto white and convert to 8-bit luminance
 * @param minWidth upscale images narrower than this (0: never): text shrunk by a chat app or a
 *     thumbnail is what Tesseract misreads most
 * @param maxScale the largest upscaling factor
 */
public record Preprocessing(boolean gray, int minWidth, double maxScale) {

    /** The image as decoded. */
    public static final Preprocessing NONE = new Preprocessing(false, 0, 1);

    /** What the service uses: grey, and small images brought up to a desktop screenshot's width. */
    public static final Preprocessing SCREENSHOT = new Preprocessing(true, 1280, 3);

    public Preprocessing {
        if (minWidth < 0 || maxScale < 1) {
            throw new IllegalArgumentException("minWidth must be >= 0 and maxScale >= 1");
        }
    }

    public BufferedImage apply(BufferedImage image) {
        if (!gray) {
            return onWhite(image);
        }
        BufferedImage out = luminance(image);
        double scale = minWidth > 0 && out.getWidth() < minWidth ? Math.min(maxScale, (double) minWidth / out.getWidth()) : 1;
        // Small gains are not worth the extra pixels Tesseract must go through.
        if (scale >= 1.25) {
            out = scaled(out, scale);
        }
        return out;
    }

    /** RGB with any transparency painted over white: a transparent PNG would otherwise read as black. */
    private static BufferedImage onWhite(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Luminance computed per pixel (Rec. 601 weights, in the image's own gamma). Drawing onto a
     * TYPE_BYTE_GRAY image instead goes through a linear grey colour space and washes text out.
     */
    private static BufferedImage luminance(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                int lum = (r * 299 + g * 587 + b * 114) / 1000;
                px[y * w + x] = (byte) ((lum * a + 255 * (255 - a)) / 255);
            }
        }
        return out;
    }

    private static BufferedImage scaled(BufferedImage gray, double scale) {
        int w = (int) Math.round(gray.getWidth() * scale);
        int h = (int) Math.round(gray.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(gray, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
