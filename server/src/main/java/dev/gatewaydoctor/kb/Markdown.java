package dev.gatewaydoctor.kb;

import dev.gatewaydoctor.memo.BoundedMemo;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Safelist;

/**
 * Turns a node's Markdown into HTML that is safe to insert into a page: whatever raw HTML an
 * entry contains, only the tags of {@link Safelist#relaxed()} survive, and links open safely.
 * Images are kept only from the hosts KB authors list ({@link #IMAGE_HOSTS_ENV}, over HTTPS): any
 * other image would be loaded by every visitor's browser, a beacon for whoever serves it.
 */
public final class Markdown {

    /** Comma-separated hosts that entries may show images from; none by default. */
    public static final String IMAGE_HOSTS_ENV = "GATEWAY_DOCTOR_KB_IMAGE_HOSTS";

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().build();
    private static final Safelist SAFE = Safelist.relaxed()
            .addProtocols("a", "href", "#")
            .removeProtocols("img", "src", "http")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");
    /** The policy without remote images. */
    public static final Markdown STRICT = new Markdown(Set.of());

    private final Set<String> imageHosts;

    public Markdown(Set<String> imageHosts) {
        this.imageHosts = imageHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The hosts from a comma-separated setting; blanks are ignored, a host with a scheme or path is refused. */
    public static Markdown allowingImagesFrom(String setting) {
        Set<String> hosts = setting == null ? Set.of() : Arrays.stream(setting.split(",")).map(String::strip)
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String h : hosts) {
            if (!h.matches("[A-Za-z0-9.-]+(:[0-9]+)?")) {
                throw new IllegalArgumentException(IMAGE_HOSTS_ENV + " must list host names (like images.example.com), got '" + h + "'");
            }
        }
        return new Markdown(hosts);
    }

    public Set<String> imageHosts() {
        return imageHosts;
    }

    /** Sanitized HTML without remote images. Thread-safe. */
    public static String toSafeHtml(String markdown) {
        return STRICT.safeHtml(markdown);
    }

    /** Sanitized HTML, images kept only from the allowed hosts (an image elsewhere becomes its alt text). Thread-safe. */
    public String safeHtml(String markdown) {
        return rendered.get(markdown, this::render);
    }

    /**
     * HTML already made of node texts: every chat reply shows a node, and parsing, rendering and
     * sanitising it again costs more than the rest of the turn.
     */
    private final BoundedMemo<String> rendered = new BoundedMemo<>(4096, 16 * 1024);

    private String render(String markdown) {
        String html = Jsoup.clean(RENDERER.render(PARSER.parse(markdown)), SAFE).strip();
        if (!html.contains("<img")) {
            return html;
        }
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element img : doc.select("img")) {
            if (!allowed(img.attr("src"))) {
                img.replaceWith(new TextNode(img.attr("alt")));
            }
        }
        return doc.body().html().strip();
    }

    private boolean allowed(String src) {
        try {
            URI uri = URI.create(src);
            String authority = uri.getRawAuthority();
            return "https".equalsIgnoreCase(uri.getScheme()) && authority != null && uri.getUserInfo() == null
                    && imageHosts.contains(authority.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The visible text of a Markdown text, for indexing and plain-text channels. */
    public static String toPlainText(String markdown) {
        return Jsoup.parse(RENDERER.render(PARSER.parse(markdown))).text();
    }
}
