package dev.gatewaydoctor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.gatewaydoctor.TestServer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is valid, lists exactly the routes of App, and the server's real
 * answers to each operation's documented example (and to a few refusals) fit its schemas.
 */
class OpenApiTest {

    private static final String KEY = "test-key-0123456789abcdef";
    private static final String SCREENSHOT_FILE = "server/src/test/resources/ocr/nginx-502.webp";
    private static final byte[] SCREENSHOT = screenshot();
    private static TestServer server;
    private static JsonNode doc;

    @BeforeAll
    static void start() {
        server = new TestServer(Map.of("GATEWAY_DOCTOR_API_KEYS", KEY, "GATEWAY_DOCTOR_ADMIN_KEYS", KEY));
        TestServer.Response r = server.get("/openapi.json");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        doc = r.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_document_is_valid_openapi_3_1() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
        assertEquals(List.of(), parsed.getMessages() == null ? List.of() : parsed.getMessages());
        OpenAPI api = parsed.getOpenAPI();
        assertNotNull(api);
        assertTrue(api.getOpenapi().startsWith("3.1"), api.getOpenapi());
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(op ->
                assertTrue(op.getResponses() != null && !op.getResponses().isEmpty(), path + " documents no response")));
    }

    @Test
    void the_document_and_the_app_have_the_same_routes() {
        Set<String> app = new TreeSet<>();
        // Endpoints only: before-handlers (request log, rate limits) are listed by the router too.
        server.app().javalin().unsafe.internalRouter.allHttpHandlers().stream()
                .filter(h -> h.endpoint.method.isHttpMethod())
                .forEach(h -> app.add(h.endpoint.method.name() + " " + h.endpoint.path));
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
                documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
        assertEquals(app, documented);
    }

    @Test
    void every_operation_answers_its_example_as_documented() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                TestServer.Response r = server.send(example(p.getKey(), op.getKey(), op.getValue()));
                failures.addAll(conforms(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), op.getValue(), r));
                checked++;
            }
        }
        assertEquals(List.of(), failures);
        long routes = server.app().javalin().unsafe.internalRouter.allHttpHandlers().stream()
                .filter(h -> h.endpoint.method.isHttpMethod()).count();
        assertEquals(routes, checked);
    }

    @Test
    void refusals_fit_the_documented_error_shapes() {
        assertEquals(List.of(), conforms("GET /api/kb/{id}", operation("/api/kb/{id}", "get"), server.get("/api/kb/no-such-entry")));
        assertEquals(List.of(), conforms("POST /api/match", operation("/api/match", "post"), server.post("/api/match", Map.of("text", ""))));
        assertEquals(List.of(), conforms("POST /api/chat", operation("/api/chat", "post"),
                server.post("/api/chat", Map.of("state", "forged.state", "choice", "x"))));
        assertEquals(List.of(), conforms("POST /api/tickets", operation("/api/tickets", "post"),
                server.postRaw("/api/tickets", "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] screenshot() {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(SCREENSHOT_FILE));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode operation(String path, String method) {
        return doc.get("paths").get(path).get(method);
    }

    /** A request built from the operation's documented examples. */
    private static HttpRequest.Builder example(String path, String method, JsonNode op) {
        String target = path;
        List<String> query = new ArrayList<>();
        for (JsonNode param : op.path("parameters")) {
            JsonNode resolved = param.has("$ref") ? resolve(param.get("$ref").asText()) : param;
            if (!resolved.has("example")) {
                continue;
            }
            String value = resolved.get("example").asText();
            switch (resolved.get("in").asText()) {
                case "path" -> target = target.replace("{" + resolved.get("name").asText() + "}", value);
                case "query" -> query.add(resolved.get("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                default -> { }
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(target + (query.isEmpty() ? "" : "?" + String.join("&", query))));
        if (op.has("security")) {
            b.header("Authorization", "Bearer " + KEY); // the same key is configured for tickets and admin
        }
        JsonNode content = op.path("requestBody").path("content");
        if (method.equals("get")) {
            return b.GET();
        }
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            JsonNode example = content.path(type).path("example");
            if (!example.isMissingNode()) {
                String body = example.isTextual() ? example.asText() : example.toString();
                return b.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
            }
        }
        if (content.has("image/webp")) {
            // An upload: a screenshot of an error page (read, or 503 where Tesseract is missing).
            return b.header("Content-Type", "image/webp").POST(HttpRequest.BodyPublishers.ofByteArray(SCREENSHOT));
        }
        throw new AssertionError(method + " " + path + " has no request example");
    }

    /** What is wrong with an answer according to the operation's documented responses. */
    private static List<String> conforms(String name, JsonNode op, TestServer.Response r) {
        JsonNode response = op.path("responses").path(Integer.toString(r.status()));
        if (response.isMissingNode()) {
            return List.of(name + " answered " + r.status() + ", which is not documented: " + r.body());
        }
        if (response.has("$ref")) {
            response = resolve(response.get("$ref").asText());
        }
        List<String> problems = new ArrayList<>();
        if (response.path("headers").has("X-Request-Id") && r.header("X-Request-Id") == null) {
            problems.add(name + " " + r.status() + ": no X-Request-Id");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return problems;
        }
        String type = r.header("Content-Type") == null ? "" : r.header("Content-Type").split(";")[0].strip();
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            problems.add(name + " " + r.status() + ": content type " + type + " is not documented");
            return problems;
        }
        if (type.equals("application/json")) {
            validator(media.get("schema")).validate(r.body(), InputFormat.JSON)
                    .forEach(e -> problems.add(name + " " + r.status() + ": " + e.getMessage()));
        }
        return problems;
    }

    /** The schema with the document's components beside it, so that its {@code #/components/...} references resolve. */
    private static Schema validator(JsonNode schema) {
        ObjectNode root = TestServer.JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", doc.get("components"));
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root.toString(), InputFormat.JSON);
    }

    private static JsonNode resolve(String ref) {
        JsonNode n = doc.at(ref.substring(1));
        assertTrue(!n.isMissingNode(), "unresolved " + ref);
        return n;
    }
}
