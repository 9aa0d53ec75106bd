package dev.gatewaydoctor.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCheckTest {

    static final ImageCheck CHECK = new ImageCheck(OcrSettings.DEFAULT_MAX_PIXELS);
    static final Path WEBP = Path.of("server/src/test/resources/ocr/nginx-502.webp");
    static final BufferedImage TEXT = Uploads.drawn(400, 120, 24, "502 Bad Gateway");

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(Degradation.rgb(image), format, out), "no writer for " + format);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "gif"})
    void an_image_is_recognised_from_its_bytes_and_decoded_at_its_size(String format) throws Exception {
        byte[] bytes = encode(TEXT, format);
        ImageCheck.Header header = CHECK.inspect(bytes);
        assertEquals(format.toUpperCase(), header.format().name());
        assertEquals(400, header.width());
        assertEquals(120, header.height());
        BufferedImage decoded = CHECK.decode(bytes, header);
        assertEquals(400, decoded.getWidth());
    }

    @Test
    void webp_is_recognised_and_decoded() throws Exception {
        // A Chromium screenshot saved as WebP (--screenshot=nginx-502.webp --window-size=560,200).
        byte[] webp = Files.readAllBytes(WEBP);
        assertEquals(Optional.of(ImageCheck.Format.WEBP), ImageCheck.Format.sniff(webp));
        ImageCheck.Header header = CHECK.inspect(webp);
        assertEquals(560, header.width());
        assertEquals(200, CHECK.decode(webp, header).getHeight());
    }

    @Test
    void text_is_not_an_image_whatever_it_claims() {
        byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
        OcrException e = assertThrows(OcrException.class, () -> CHECK.inspect(html));
        assertEquals(OcrException.Reason.NOT_AN_IMAGE, e.reason());
    }

    @Test
    void a_truncated_png_is_unreadable() throws Exception {
        byte[] png = encode(TEXT, "png");
        byte[] cut = Arrays.copyOf(png, 20); // the signature and half the header
        OcrException e = assertThrows(OcrException.class, () -> {
            ImageCheck.Header h = CHECK.inspect(cut);
            CHECK.decode(cut, h);
        });
        assertEquals(OcrException.Reason.UNREADABLE, e.reason());
    }

    @Test
    void a_png_whose_data_is_garbage_passes_the_header_check_and_fails_to_decode() throws Exception {
        byte[] png = encode(TEXT, "png");
        for (int i = 60; i < png.length - 12; i++) {
            png[i] = (byte) (i * 31);
        }
        ImageCheck.Header header = CHECK.inspect(png);
        OcrException e = assertThrows(OcrException.class, () -> CHECK.decode(png, header));
        assertEquals(OcrException.Reason.UNREADABLE, e.reason());
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header_without_decoding() {
        byte[] bomb = Uploads.bomb(16_000, 16_000);
        assertTrue(bomb.length < 100_000, "the bomb is " + bomb.length + " bytes");
        OcrException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(OcrException.class, () -> CHECK.inspect(bomb)));
        assertEquals(OcrException.Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals(16_000, e.details().get("width"));
    }

    @Test
    void a_sliver_longer_than_the_longest_side_is_refused_even_under_the_pixel_limit() {
        OcrException e = assertThrows(OcrException.class, () -> CHECK.inspect(Uploads.bomb(20_000, 8)));
        assertEquals(OcrException.Reason.TOO_MANY_PIXELS, e.reason());
    }
}
