package dev.gatewaydoctor.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

/**
 * What is done to a decoded image before Tesseract sees it. Each step is optional so that the OCR
 * bench can measure what it is worth; {@link #SCREENSHOT} is the combination that read the rendered
 * error pages best (see the README's OCR section for the figures).
 *
 * @param gray flatten transparency onto white and convert to 8-bit luminance
 * @param minWidth upscale images narrower than this (0: never); small text is what Tesseract misreads
 * @param lineHeight upscale images whose small text lines are lower than this many pixels (0: never)
 * @param maxScale the largest upscaling factor
 */
public record Preprocessing(boolean gray, int minWidth, int lineHeight, double maxScale) {

    /** The image as decoded. */
    public static final Preprocessing NONE = new Preprocessing(false, 0, 0, 1);

    /** What the service uses. */
    public static final Preprocessing SCREENSHOT = new Preprocessing(true, 1280, 0, 3);

    public Preprocessing {
        if (minWidth < 0 || lineHeight < 0 || maxScale < 1) {
            throw new IllegalArgumentException("minWidth and lineHeight must be >= 0 and maxScale >= 1");
        }
    }

    public BufferedImage apply(BufferedImage image) {
        if (!gray) {
            return onWhite(image);
        }
        BufferedImage out = luminance(image);
        double scale = 1;
        if (minWidth > 0 && out.getWidth() < minWidth) {
            scale = (double) minWidth / out.getWidth();
        }
        if (lineHeight > 0) {
            int measured = textLineHeight(out);
            scale = measured > 0 ? (double) lineHeight / measured : scale;
        }
        scale = Math.min(maxScale, scale);
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

    /**
     * The height in pixels of the small lines of text, from the rows that hold ink (pixels far from
     * the background, the most common level) in short strokes: a rule, a border or a photo's frame
     * is one long stroke and is no text. Only the middle 80 % of the width is looked at, so a frame
     * around a photographed screen does not join every row. 0 when no line is found.
     */
    static int textLineHeight(BufferedImage gray) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        byte[] px = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int[] hist = histogram(gray);
        int background = 0;
        for (int v = 1; v < 256; v++) {
            if (hist[v] > hist[background]) {
                background = v;
            }
        }
        int from = w / 10;
        int to = w - w / 10;
        int longest = Math.max(2, (to - from) / 2);
        List<long[]> lines = new ArrayList<>(); // {height, ink}
        long total = 0;
        int run = 0;
        int gap = 0;
        long runInk = 0;
        for (int y = 0; y <= h; y++) {
            int ink = 0;
            boolean text = false;
            if (y < h) {
                int stroke = 0;
                int maxStroke = 0;
                for (int i = y * w + from, end = y * w + to; i < end; i++) {
                    if (Math.abs((px[i] & 0xFF) - background) > 80) {
                        ink++;
                        maxStroke = Math.max(maxStroke, ++stroke);
                    } else {
                        stroke = 0;
                    }
                }
                text = ink > 0 && maxStroke < longest;
            }
            if (text) {
                run += 1 + gap; // one blank row inside a line is the gap under the dot of an i
                runInk += ink;
                gap = 0;
            } else if (run > 0 && gap == 0 && y < h) {
                gap = 1;
            } else {
                if (run >= 3) {
                    lines.add(new long[] {run, runInk});
                    total += runInk;
                }
                run = 0;
                runInk = 0;
                gap = 0;
            }
        }
        // The smallest lines that hold a tenth of all ink: small text that matters (a footer naming
        // the server), not specks, which hold almost none.
        lines.sort((a, b) -> Long.compare(a[0], b[0]));
        long seen = 0;
        for (long[] line : lines) {
            seen += line[1];
            if (seen * 10 >= total) {
                return (int) line[0];
            }
        }
        return 0;
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
