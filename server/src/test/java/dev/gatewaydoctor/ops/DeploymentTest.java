package dev.gatewaydoctor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so what can be checked without one is: the Kubernetes and compose
 * manifests agree with the service (routes, port, settings, image), the Dockerfile keeps the points
 * that were wrong before, and the dashboard asks only for meters the server really exposes.
 */
class DeploymentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DEPLOY = Path.of("deploy");

    private static Map<String, JsonNode> k8s() throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode doc = YAML.readTree(f.toFile());
                assertTrue(doc.has("apiVersion") && doc.has("kind"), f + " is not a manifest");
                byKind.put(doc.get("kind").asText(), doc);
            }
        }
        return byKind;
    }

    @Test
    void the_deployment_probes_the_service_routes_on_its_port() throws IOException {
        Map<String, JsonNode> k = k8s();
        assertTrue(k.keySet().containsAll(Set.of("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget",
                "HorizontalPodAutoscaler")), k.keySet().toString());
        JsonNode pod = k.get("Deployment").at("/spec/template/spec");
        JsonNode c = pod.at("/containers/0");
        Map<String, String> env = new HashMap<>();
        c.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText()));
        int port = Integer.parseInt(env.get("GATEWAY_DOCTOR_PORT"));
        assertEquals(port, c.at("/ports/0/containerPort").asInt());
        String portName = c.at("/ports/0/name").asText();
        assertEquals("/health", c.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/health", c.at("/startupProbe/httpGet/path").asText());
        assertEquals("/ready", c.at("/readinessProbe/httpGet/path").asText());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals(portName, c.at("/" + probe + "/httpGet/port").asText(), probe);
        }
        assertEquals(portName, k.get("Service").at("/spec/ports/0/targetPort").asText());
        assertTrue(c.at("/resources/limits").has("memory") && c.at("/resources/limits").has("cpu"));
        assertTrue(c.at("/resources/requests").has("memory") && c.at("/resources/requests").has("cpu"));
        // The pod runs as the image's numeric user, and the grace period outlasts the drain.
        assertEquals(10001, pod.at("/securityContext/runAsUser").asInt());
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean());
        int drain = Integer.parseInt(env.get("GATEWAY_DOCTOR_DRAIN_SECONDS"));
        int shutdown = Integer.parseInt(env.get("GATEWAY_DOCTOR_SHUTDOWN_SECONDS"));
        assertTrue(pod.get("terminationGracePeriodSeconds").asInt() > drain + shutdown);
        // Selectors find the pods; the secret's keys are what the server reads.
        JsonNode labels = k.get("Deployment").at("/spec/template/metadata/labels");
        assertEquals(labels, k.get("Service").at("/spec/selector"));
        assertEquals(labels, k.get("PodDisruptionBudget").at("/spec/selector/matchLabels"));
        assertEquals("gateway-doctor", k.get("HorizontalPodAutoscaler").at("/spec/scaleTargetRef/name").asText());
        assertEquals(k.get("Secret").at("/metadata/name"), c.at("/envFrom/0/secretRef/name"));
        assertTrue(k.get("Secret").get("stringData").has("GATEWAY_DOCTOR_STATE_KEY"));
        assertEquals(k.get("ConfigMap").at("/metadata/name"), pod.at("/volumes/0/configMap/name"));
        assertTrue(c.get("args").toString().contains(c.at("/volumeMounts/0/mountPath").asText()), "the KB volume is a --kb folder");
    }

    @Test
    void every_setting_in_the_manifests_is_one_the_server_reads() throws IOException {
        Set<String> known = knownSettings();
        List<String> unknown = new ArrayList<>();
        k8s().get("Deployment").at("/spec/template/spec/containers/0/env").forEach(e -> {
            if (!known.contains(e.get("name").asText())) {
                unknown.add(e.get("name").asText());
            }
        });
        k8s().get("Secret").get("stringData").fieldNames().forEachRemaining(n -> {
            if (!known.contains(n)) {
                unknown.add(n);
            }
        });
        YAML.readTree(DEPLOY.resolve("compose.yaml").toFile()).at("/services/gateway-doctor/environment").fieldNames()
                .forEachRemaining(n -> {
                    if (!known.contains(n)) {
                        unknown.add(n);
                    }
                });
        assertEquals(List.of(), unknown);
    }

    /** Every GATEWAY_DOCTOR_* and SLACK_* name the server's sources mention. */
    private static Set<String> knownSettings() throws IOException {
        Pattern name = Pattern.compile("\"((?:GATEWAY_DOCTOR|SLACK)_[A-Z_]+)\"|env:((?:GATEWAY_DOCTOR)_[A-Z_]+)");
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(Path.of("server/src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = name.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        return names;
    }

    @Test
    void compose_runs_two_replicas_behind_nginx_with_postgres_and_one_state_key() throws IOException {
        JsonNode services = YAML.readTree(DEPLOY.resolve("compose.yaml").toFile()).get("services");
        JsonNode app = services.get("gateway-doctor");
        assertEquals(2, app.at("/deploy/replicas").asInt());
        assertTrue(app.at("/environment/GATEWAY_DOCTOR_STATE_KEY").asText().startsWith("${GATEWAY_DOCTOR_STATE_KEY:?"),
                "the key must be given, never defaulted");
        assertTrue(services.has("postgres") && services.at("/postgres/image").asText().matches("postgres:\\d+\\.\\d+.*"));
        assertTrue(services.at("/nginx/image").asText().matches("nginx:\\d+\\.\\d+\\.\\d+.*"));
        String conf = Files.readString(DEPLOY.resolve("nginx/nginx.conf"));
        String port = app.at("/environment/GATEWAY_DOCTOR_PORT").asText();
        assertTrue(conf.contains("server gateway-doctor:" + port), "nginx proxies to the service's port");
        assertTrue(conf.contains("proxy_next_upstream") && conf.contains("X-Request-Id"));
        assertEquals(app.get("image").asText(), k8s().get("Deployment").at("/spec/template/spec/containers/0/image").asText());
    }

    @Test
    void the_dockerfile_caches_dependencies_pins_bases_and_runs_as_a_number() throws IOException {
        List<String> lines = joined(Files.readAllLines(Path.of("Dockerfile")));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), "a build and a run stage");
        for (String f : from) {
            assertTrue(f.matches("FROM [a-z0-9./-]+:[0-9][^ @]*@sha256:[0-9a-f]{64}( AS \\w+)?"), "pinned by version and digest: " + f);
        }
        int poms = index(lines, "COPY server/pom.xml");
        int offline = index(lines, "dependency:go-offline");
        int sources = index(lines, "COPY server/src");
        assertTrue(poms < offline && offline < sources, "dependencies resolved in a layer before the sources are copied");
        assertFalse(lines.get(offline).contains("|| true"), "a failed resolution must fail the build");
        assertTrue(lines.get(offline).contains("--mount=type=cache"), "the Maven repository is a cache mount");
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((x, y) -> y).orElseThrow();
        assertTrue(user.matches("USER \\d+(:\\d+)?"), "numeric user: " + user);
        String entry = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertTrue(entry.startsWith("ENTRYPOINT [\"java\""), "exec form, so java gets SIGTERM: " + entry);
        assertTrue(entry.contains("-XX:MaxRAMPercentage=") && entry.contains("-XX:+ExitOnOutOfMemoryError"), entry);
        String health = lines.stream().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
        assertTrue(health.contains("${GATEWAY_DOCTOR_PORT}") && health.contains("/health"), "health check on the configured port: " + health);
        assertFalse(health.contains(":" + Settings.DEFAULT_PORT + "/"), health);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ENV ") && l.contains("GATEWAY_DOCTOR_PORT=")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("LABEL ") && l.contains("org.opencontainers.image.title")));
        Set<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        assertTrue(ignored.contains("**/target/") && ignored.contains(".git/"), ignored.toString());
    }

    /** Dockerfile lines with their continuations joined. */
    private static List<String> joined(List<String> raw) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : raw) {
            String s = line.strip();
            if (s.startsWith("#") || s.isEmpty()) {
                continue;
            }
            if (s.endsWith("\\")) {
                current.append(s, 0, s.length() - 1).append(' ');
            } else {
                out.add(current.append(s).toString());
                current.setLength(0);
            }
        }
        return out;
    }

    private static int index(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    @Test
    void the_dashboard_shows_only_meters_the_server_exposes() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana-dashboard.json").toFile());
        Set<String> asked = new HashSet<>();
        Pattern metric = Pattern.compile("\\b([a-z_]+(?:_total|_bucket|_count|_sum|_bytes|_depth|_entries|_busy|_max|_usage))\\b");
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> {
            Matcher m = metric.matcher(t.get("expr").asText());
            while (m.find()) {
                asked.add(m.group(1));
            }
        }));
        String scrape;
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "1"))) {
            server.post("/api/match", Map.of("text", "502 Bad Gateway nginx"));
            server.post("/api/match", Map.of("text", "502 Bad Gateway nginx")); // refused: counts a rate limit
            server.post("/api/chat", Map.of("message", "504 Gateway Time-out")); // refused too (same group)
            server.postRaw("/api/ocr", "image/png", new byte[] {1, 2, 3});
            server.app().operations().metrics().chatTurn("question");
            server.app().operations().metrics().ticketAction("suggest");
            scrape = server.get("/metrics").body();
        }
        List<String> missing = asked.stream().filter(n -> !scrape.contains("\n" + n + "{") && !scrape.contains("\n" + n + " ")).sorted().toList();
        assertEquals(List.of(), missing, "asked by the dashboard, absent from /metrics");
        assertTrue(asked.size() >= 15, asked.toString());
    }
}
