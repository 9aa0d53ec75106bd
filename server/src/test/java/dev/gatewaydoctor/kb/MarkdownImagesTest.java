package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownImagesTest {

    static final String TEXT = "Check the panel: ![the panel](https://img.example.com/panel.png)\n\n"
            + "<img src=\"http://tracker.example.net/b.gif\"> ![beacon](https://tracker.example.net/b.gif)";

    @Test
    void remote_images_are_dropped_by_default_leaving_their_alt_text() {
        String html = Markdown.toSafeHtml(TEXT);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("the panel"), html);
    }

    @Test
    void images_from_an_allowed_host_over_https_survive_and_no_others() {
        String html = Markdown.allowingImagesFrom("img.example.com, docs.example.org").safeHtml(TEXT);
        assertTrue(html.contains("<img src=\"https://img.example.com/panel.png\""), html);
        assertFalse(html.contains("tracker.example.net"), html);
        assertFalse(Markdown.allowingImagesFrom("img.example.com").safeHtml("![x](http://img.example.com/a.png)").contains("<img"));
        assertFalse(Markdown.allowingImagesFrom("img.example.com").safeHtml("![x](https://evil@img.example.com/a.png)").contains("<img"));
    }

    @Test
    void a_setting_that_is_not_a_host_list_is_refused_naming_it() {
        var e = assertThrows(IllegalArgumentException.class, () -> Markdown.allowingImagesFrom("https://img.example.com/"));
        assertTrue(e.getMessage().contains(Markdown.IMAGE_HOSTS_ENV), e.getMessage());
    }
}
