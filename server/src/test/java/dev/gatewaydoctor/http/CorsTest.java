package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.App;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.KbLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CORS over real HTTP: one server that allows two origins, one that allows none (the default). */
class CorsTest {

    static final Path KB = Path.of("server/src/test/resources/kb-widget");
    static final String ALLOWED = "https://help.example.com";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static App open;
    static App closed;

    @BeforeAll
    static void start() throws Exception {
        open = new App(new Settings(0, List.of(KB), Map.of(Cors.ENV, ALLOWED + ", http://localhost:8080")),
                KbLoader.load(List.of(KB))).start();
        closed = new App(new Settings(0, List.of(KB), Map.of()), KbLoader.load(List.of(KB))).start();
    }

    @AfterAll
    static void stop() {
        for (App a : new App[] {open, closed}) {
            if (a != null) {
                a.close();
            }
        }
    }

    static HttpResponse<String> chat(App app, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/chat"))
                .header("Origin", origin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"502 Bad Gateway\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> preflight(App app, String origin) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/chat"))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_allowed_origin_gets_its_own_origin_back() throws Exception {
        HttpResponse<String> r = chat(open, ALLOWED);
        assertEquals(200, r.statusCode());
        assertEquals(ALLOWED, r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("Origin", r.headers().firstValue("Vary").orElse(null));
    }

    @Test
    void an_allowed_preflight_gets_204_with_the_allowed_methods_and_headers() throws Exception {
        HttpResponse<String> r = preflight(open, "http://localhost:8080");
        assertEquals(204, r.statusCode());
        assertEquals("http://localhost:8080", r.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(Cors.ALLOWED_METHODS, r.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
        assertEquals(Cors.ALLOWED_HEADERS, r.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
        assertEquals(Cors.MAX_AGE, r.headers().firstValue("Access-Control-Max-Age").orElse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example.net", "http://help.example.com", "https://help.example.com.evil.net",
            "https://help.example.com:8443", "null"})
    void another_origin_gets_no_cors_headers_and_its_preflight_is_refused(String origin) throws Exception {
        HttpResponse<String> r = chat(open, origin);
        assertEquals(200, r.statusCode(), "the request itself is served; the browser withholds the answer");
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        HttpResponse<String> p = preflight(open, origin);
        assertEquals(403, p.statusCode());
        assertTrue(p.body().contains("\"error\""), p.body());
        assertTrue(p.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertTrue(p.headers().firstValue("Access-Control-Allow-Methods").isEmpty());
    }

    @Test
    void by_default_the_server_is_same_origin_only() throws Exception {
        HttpResponse<String> r = chat(closed, ALLOWED);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                r.headers().map().toString());
        assertEquals(403, preflight(closed, ALLOWED).statusCode());
    }

    @Test
    void a_request_without_an_origin_is_untouched() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + open.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void a_wildcard_allows_every_origin_without_credentials() {
        Cors any = Cors.parse("*");
        assertTrue(any.allows("https://anything.example"));
        assertFalse(any.allows("null"));
        assertFalse(any.allows("not an origin"));
    }

    @Test
    void origins_are_compared_by_scheme_host_and_port() {
        Cors cors = Cors.parse("https://Help.Example.com/, http://localhost:8080");
        assertTrue(cors.allows("https://help.example.com"));
        assertTrue(cors.allows("https://help.example.com:443"));
        assertFalse(cors.allows("https://help.example.com:444"));
        assertFalse(cors.allows("http://localhost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help.example.com", "ftp://help.example.com", "https://help.example.com/path", "https://"})
    void a_malformed_origin_stops_the_start_naming_the_variable(String origin) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cors.parse(origin));
        assertTrue(e.getMessage().contains(Cors.ENV), e.getMessage());
    }
}
