package dev.gatewaydoctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The real server on a free port, with the bundled KB, and a real HTTP client for tests. */
public final class TestServer implements AutoCloseable {

    private static Kb bundled;

    public static synchronized Kb bundledKb() {
        if (bundled == null) {
            try {
                bundled = KbLoader.load(List.of(Path.of("kb")));
            } catch (KbException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return bundled;
    }

    public record Response(int status, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public static final ObjectMapper JSON = new ObjectMapper();
    private final App app;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer() {
        this(Map.of());
    }

    public TestServer(Map<String, String> env) {
        this(bundledKb(), env);
    }

    public TestServer(Kb kb, Map<String, String> env) {
        this.app = new App(Settings.defaults().withPort(0).withEnv(unlimited(quiet(env))), kb).start();
    }

    /**
     * Tests send hundreds of requests from one address: the per-client rate limits are off unless
     * a test sets them (the rate-limit tests do).
     */
    public static Map<String, String> unlimited(Map<String, String> env) {
        Map<String, String> out = new java.util.HashMap<>(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "0", "GATEWAY_DOCTOR_RATE_LIMIT_OCR", "0"));
        out.putAll(env);
        return out;
    }

    /** Tests keep no outcomes unless they ask for a store: no data folder left in the project. */
    static Map<String, String> quiet(Map<String, String> env) {
        if (env.containsKey("GATEWAY_DOCTOR_DB")) {
            return env;
        }
        Map<String, String> out = new java.util.HashMap<>(env);
        out.put("GATEWAY_DOCTOR_DB", "off");
        return out;
    }

    /** With a reader for ticket image attachments (the ticket tests pass one that runs Tesseract). */
    public TestServer(Map<String, String> env, dev.gatewaydoctor.tickets.ImageReader ticketImages) {
        this.app = new App(Settings.defaults().withPort(0).withEnv(unlimited(quiet(env))), bundledKb(), ticketImages).start();
    }

    public App app() {
        return app;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response post(String path, Object json) {
        try {
            return postRaw(path, "application/json", JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
