package dev.gatewaydoctor.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** What happens to a screenshot on its way to us, each turning a clean image into the bytes uploaded. */
enum Degradation {
    /** The screenshot as taken, PNG. */
    CLEAN {
        @Override
        byte[] apply(BufferedImage image) {
            return png(image);
        }
    },
    /** Scaled to half size, as chat apps and thumbnails do. */
    HALF {
        @Override
        byte[] apply(BufferedImage image) {
            return png(scale(image, 0.5));
        }
    },
    /** Scaled to a third: the text is a few pixels high. */
    THIRD {
        @Override
        byte[] apply(BufferedImage image) {
            return png(scale(image, 1 / 3.0));
        }
    },
    /** Heavy JPEG compression (quality 0.25). */
    JPEG {
        @Override
        byte[] apply(BufferedImage image) {
            return jpeg(image, 0.25f);
        }
    },
    /** Out of focus: a 5x5 Gaussian blur. */
    BLUR {
        @Override
        byte[] apply(BufferedImage image) {
            return png(blur(image));
        }
    },
    /** A dark theme or an inverting screenshot tool: light text on dark. */
    INVERTED {
        @Override
        byte[] apply(BufferedImage image) {
            BufferedImage out = rgb(image);
            for (int y = 0; y < out.getHeight(); y++) {
                for (int x = 0; x < out.getWidth(); x++) {
                    out.setRGB(x, y, ~out.getRGB(x, y) | 0xFF000000);
                }
            }
            return png(out);
        }
    },
    /**
     * A phone photo of a monitor: slightly turned, uneven light, low contrast, sensor noise, soft
     * focus, then JPEG.
     */
    PHOTO {
        @Override
        byte[] apply(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(new Color(70, 70, 75));
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.rotate(Math.toRadians(2.5), w / 2.0, h / 2.0);
            g.drawImage(image, w / 20, h / 20, w * 9 / 10, h * 9 / 10, null);
            g.dispose();
            Random random = new Random(42);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = out.getRGB(x, y);
                    double light = 0.75 + 0.25 * (1 - (double) x / w) * (1 - 0.5 * y / h);
                    int r = channel((rgb >> 16) & 0xFF, light, random);
                    int gr = channel((rgb >> 8) & 0xFF, light, random);
                    int b = channel(rgb & 0xFF, light, random);
                    out.setRGB(x, y, (r << 16) | (gr << 8) | b);
                }
            }
            return jpeg(blur(out), 0.7f);
        }

        private int channel(int v, double light, Random random) {
            double c = (40 + v * 0.7) * light + random.nextGaussian() * 8;
            return (int) Math.max(0, Math.min(255, c));
        }
    };

    /** The uploaded bytes. */
    abstract byte[] apply(BufferedImage image);

    static BufferedImage rgb(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage scale(BufferedImage image, double factor) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        // Area averaging, as image viewers and chat apps downscale.
        java.awt.Image scaled = image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return out;
    }

    static BufferedImage blur(BufferedImage image) {
        float[] k1 = {1, 4, 6, 4, 1};
        float[] kernel = new float[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                kernel[i * 5 + j] = k1[i] * k1[j] / 256f;
            }
        }
        return new ConvolveOp(new Kernel(5, 5, kernel), ConvolveOp.EDGE_NO_OP, null).filter(rgb(image), null);
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(rgb(image), format, out)) {
                throw new IllegalArgumentException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
