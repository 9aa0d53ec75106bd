package dev.gatewaydoctor.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * What is done to a decoded image before Tesseract sees it. Each step is optional so that the OCR
 * bench can measure what it is worth; {@link #SCREENSHOT} is the combination that read the rendered
 * error pages best (see the README's OCR section for the figures).
 *
 * @param gray flatten transparency onto white and convert to 8-bit luminance
 * @param minWidth upscale images narrower than this (0: never); small text is what Tesseract misreads
 * @param maxScale the largest upscaling factor
 * @param stretch stretch the grey levels so the darkest and lightest ones in use become black and white
 * @param invertDark invert mostly dark images (dark themes) so text is dark on light, as Tesseract expects
 */
public record Preprocessing(boolean gray, int minWidth, double maxScale, boolean stretch, boolean invertDark) {

    /** The image as decoded. */
    public static final Preprocessing NONE = new Preprocessing(false, 0, 1, false, false);

    /** Every step: what the service uses. */
    public static final Preprocessing SCREENSHOT = new Preprocessing(true, 1600, 3, true, true);

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
        if (invertDark && isDark(out)) {
            invert(out);
        }
        if (stretch) {
            stretch(out);
        }
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

    private static int[] histogram(BufferedImage gray) {
        int[] hist = new int[256];
        for (byte b : ((DataBufferByte) gray.getRaster().getDataBuffer()).getData()) {
            hist[b & 0xFF]++;
        }
        return hist;
    }

    private static boolean isDark(BufferedImage gray) {
        int[] hist = histogram(gray);
        long total = (long) gray.getWidth() * gray.getHeight();
        long dark = 0;
        for (int v = 0; v < 128; v++) {
            dark += hist[v];
        }
        return dark * 2 > total;
    }

    private static void invert(BufferedImage gray) {
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (255 - (px[i] & 0xFF));
        }
    }

    private static void stretch(BufferedImage gray) {
        int[] hist = histogram(gray);
        // The darkest and lightest levels that more than 0.01 % of the pixels have. A percentile
        // clip would not do: on a mostly white page the text itself is under 1 % of the pixels.
        long enough = Math.max(1, (long) gray.getWidth() * gray.getHeight() / 10_000);
        int lo = 0;
        while (lo < 255 && hist[lo] < enough) {
            lo++;
        }
        int hi = 255;
        while (hi > 0 && hist[hi] < enough) {
            hi--;
        }
        if (hi - lo < 32 || (lo == 0 && hi == 255)) {
            return; // a flat image would only turn into noise; a full-range one has nothing to gain
        }
        byte[] map = new byte[256];
        for (int v = 0; v < 256; v++) {
            map[v] = (byte) Math.max(0, Math.min(255, Math.round((v - lo) * 255f / (hi - lo))));
        }
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = map[px[i] & 0xFF];
        }
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
