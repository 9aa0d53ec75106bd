package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.App;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The widget and the demo page over real HTTP, from the bundled web/ folder. */
class WebFolderTest {

    static final Path KB = Path.of("server/src/test/resources/kb-widget");
    static final Path WEB = Path.of("web");
    /** The source files' budget: script and styles together, gzipped at level 9, comments included. */
    static final int BUDGET = 20 * 1024;
    /** What an embedding page downloads: the served bundle with every message table, gzipped at level 9. */
    static final int SERVED_BUDGET = 16 * 1024;

    static App app;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = new App(new Settings(0, List.of(KB), Map.of()), KbLoader.load(List.of(KB))).start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void widget_script_is_served_with_its_styles_inlined_and_cache_headers() throws Exception {
        HttpResponse<byte[]> r = get("/widget.js");
        assertEquals(200, r.statusCode());
        assertEquals("text/javascript; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.headers().firstValue("Cache-Control").orElseThrow().contains("max-age="));
        assertTrue(r.headers().firstValue("ETag").orElseThrow().matches("\"[0-9a-f]{24}\""));
        String js = new String(r.body(), StandardCharsets.UTF_8);
        assertFalse(js.contains(ScriptBundle.PLACEHOLDER), "the stylesheet placeholder is replaced");
        assertTrue(js.contains(":host{"), "the stylesheet is inside the script");
        assertFalse(js.contains("Sizes are in px"), "comments are left out of the served bundle");
        assertTrue(js.contains("attachShadow"));
    }

    @Test
    void a_matching_if_none_match_gets_304_without_a_body() throws Exception {
        String etag = get("/widget.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> r = get("/widget.js", "If-None-Match", etag);
        assertEquals(304, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(200, get("/widget.js", "If-None-Match", "\"something-else\"").statusCode());
    }

    @Test
    void the_widget_is_gzipped_when_the_client_accepts_it() throws Exception {
        HttpResponse<byte[]> r = get("/widget.js", "Accept-Encoding", "gzip");
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("attachShadow"));
        }
    }

    @Test
    void widget_script_and_styles_fit_in_20_kb_gzipped() throws Exception {
        byte[] js = Files.readAllBytes(WEB.resolve("widget.js"));
        byte[] css = Files.readAllBytes(WEB.resolve("widget.css"));
        int separate = gzip9(js) + gzip9(css);
        int bundled = gzip9(get("/widget.js").body());
        System.out.printf("widget gzip -9: widget.js %d + widget.css %d = %d bytes; served bundle %d bytes (budget %d)%n",
                gzip9(js), gzip9(css), separate, bundled, BUDGET);
        assertTrue(separate <= BUDGET, "widget.js + widget.css gzipped: " + separate + " bytes > " + BUDGET);
        assertTrue(bundled <= SERVED_BUDGET, "served bundle gzipped: " + bundled + " bytes > " + SERVED_BUDGET);
    }

    static int gzip9(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.size();
    }

    @Test
    void the_demo_help_page_is_served_at_the_root_and_embeds_the_widget_with_one_tag() throws Exception {
        HttpResponse<byte[]> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.headers().firstValue("ETag").isPresent());
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"/widget.js\""), "one script tag embeds the widget");
        assertTrue(html.contains("Help Center"));
    }

    @Test
    void static_files_answer_304_to_their_etag() throws Exception {
        HttpResponse<byte[]> first = get("/widget.css");
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/widget.css", "If-None-Match", etag).statusCode());
    }

    @Test
    void a_missing_file_is_a_json_404() throws Exception {
        HttpResponse<byte[]> r = get("/no-such-file.js");
        assertEquals(404, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("\"error\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/%2e%2e%2fpom.xml", "/.%2e/pom.xml",
            "/..\\pom.xml", "/%2e%2e%5cpom.xml", "/web/../../pom.xml", "//etc/passwd", "/%252e%252e/pom.xml"})
    void paths_that_leave_the_web_folder_are_never_served(String path) throws Exception {
        String response = raw(app.port(), path);
        String status = response.lines().findFirst().orElse("");
        assertFalse(status.contains(" 200 "), path + " answered " + status);
        assertFalse(response.contains("<project"), path + " leaked pom.xml");
        assertFalse(response.contains("root:"), path + " leaked /etc/passwd");
    }

    /** A request sent byte for byte, so no client library normalises the path first. */
    static String raw(int port, String path) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void a_symbolic_link_out_of_the_web_folder_is_not_followed(@TempDir Path dir) throws Exception {
        Path web = Files.createDirectory(dir.resolve("web"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Files.writeString(web.resolve("index.html"), "<p>hello</p>");
        Files.createSymbolicLink(web.resolve("leak.txt"), secret);
        try (App other = new App(new Settings(0, List.of(KB), Map.of(WebFolder.ENV, web.toString())), KbLoader.load(List.of(KB))).start()) {
            String ok = raw(other.port(), "/index.html");
            assertTrue(ok.contains("hello"), ok);
            String leak = raw(other.port(), "/leak.txt");
            assertFalse(leak.contains("top secret"), leak);
        }
    }

    @Test
    void the_bundle_follows_changes_to_its_files(@TempDir Path dir) throws Exception {
        Path js = Files.writeString(dir.resolve("w.js"), "var css = '/*css*/';");
        Path css = Files.writeString(dir.resolve("w.css"), "a { color: red }");
        ScriptBundle bundle = new WebFolder(dir).bundle("w.js", "w.css");
        assertEquals("var css = \"a{color: red}\";\n", new String(bundle.body(), StandardCharsets.UTF_8));
        Files.writeString(css, "a { color: blue } </style>");
        Files.setLastModifiedTime(css, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("var css = \"a{color: blue}<\\/style>\";\n", new String(bundle.body(), StandardCharsets.UTF_8));
        assertNotNull(js);
    }

    @Test
    void without_a_web_folder_the_api_still_runs(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of(WebFolder.ENV, dir.resolve("missing").toString());
        try (App other = new App(new Settings(0, List.of(KB), env), KbLoader.load(List.of(KB))).start()) {
            assertTrue(raw(other.port(), "/health").contains(" 200 "));
            String widget = raw(other.port(), "/widget.js");
            assertTrue(widget.startsWith("HTTP/1.1 404"), widget);
            assertTrue(widget.contains("\"error\""), widget);
            assertNotEquals(-1, widget.indexOf("widget"));
        }
    }
}
