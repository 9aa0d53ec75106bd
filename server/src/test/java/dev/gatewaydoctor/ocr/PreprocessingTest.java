package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    @Test
    void transparency_becomes_white_not_black() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB); // fully transparent
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 10, 20); // one opaque black bar: the "text"
        g.dispose();
        for (Preprocessing p : new Preprocessing[] {Preprocessing.NONE, Preprocessing.SCREENSHOT}) {
            BufferedImage out = p.apply(image);
            assertEquals(0xFFFFFF, out.getRGB(out.getWidth() - 1, 0) & 0xFFFFFF, p.toString());
            assertEquals(0x000000, out.getRGB(0, 0) & 0xFFFFFF, p.toString());
        }
    }

    @Test
    void colour_becomes_its_luminance() {
        BufferedImage image = new BufferedImage(2000, 10, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xBD2426); // the red of an "Error" label
        BufferedImage out = Preprocessing.SCREENSHOT.apply(image);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, out.getType());
        int expected = (0xBD * 299 + 0x24 * 587 + 0x26 * 114) / 1000;
        assertEquals(expected, out.getRaster().getSample(0, 0, 0));
    }

    @Test
    void small_screenshots_are_upscaled_to_a_desktop_width_and_large_ones_are_left_alone() {
        assertEquals(1280, Preprocessing.SCREENSHOT.apply(new BufferedImage(640, 400, BufferedImage.TYPE_INT_RGB)).getWidth());
        assertEquals(900, Preprocessing.SCREENSHOT.apply(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB)).getWidth(),
                "at most 3x");
        assertEquals(1170, Preprocessing.SCREENSHOT.apply(new BufferedImage(1170, 2532, BufferedImage.TYPE_INT_RGB)).getWidth(),
                "a phone screenshot's text is large already");
        assertEquals(2880, Preprocessing.SCREENSHOT.apply(new BufferedImage(2880, 1800, BufferedImage.TYPE_INT_RGB)).getWidth());
    }
}
