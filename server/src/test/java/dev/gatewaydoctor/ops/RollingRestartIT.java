package dev.gatewaydoctor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.PackagedJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart for real: two packaged servers behind Debian's nginx on loopback, conversations
 * driven through nginx, one replica stopped with SIGTERM in the middle of the load and started
 * again. No request may fail, and conversations started on the stopped replica go on on the other
 * (both sign states with the same GATEWAY_DOCTOR_STATE_KEY).
 */
class RollingRestartIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPENINGS = List.of(
            "502 Bad Gateway nginx",
            "connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream",
            "504 Gateway Time-out",
            "Proxy Error The proxy server received an invalid response from an upstream server",
            "my wordpress site shows 502 after I installed a plugin",
            "Error 502 Ray ID: 7d1f2a3b4c5d6e7f Bad gateway Cloudflare");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One turn as seen by the client: the replica nginx chose, the status, the time. */
    private record Turn(String conversation, int index, String upstream, int status, long atNanos) {}

    @Test
    void a_replica_restarted_under_load_fails_no_request_and_its_conversations_go_on() throws Exception {
        boolean required = "1".equals(System.getenv("GATEWAY_DOCTOR_REQUIRE_NGINX"));
        if (!Files.isExecutable(NGINX)) {
            assertTrue(!required, "nginx is required (GATEWAY_DOCTOR_REQUIRE_NGINX=1) but " + NGINX + " is missing");
            Assumptions.abort("nginx is not installed (apt-get install nginx)");
        }
        Path dir = Files.createTempDirectory("gd-rolling");
        Path logA = dir.resolve("replica-a.log");
        Path logB = dir.resolve("replica-b.log");
        int portA = PackagedJar.freePort();
        int portB = PackagedJar.freePort();
        int portN = PackagedJar.freePort();
        Map<String, String> env = Map.of(
                "GATEWAY_DOCTOR_STATE_KEY", "rolling-restart-test-key-0123456789",
                "GATEWAY_DOCTOR_TRUSTED_PROXIES", "127.0.0.1",
                "GATEWAY_DOCTOR_LOG_FORMAT", "json",
                "GATEWAY_DOCTOR_DRAIN_SECONDS", "2",
                "GATEWAY_DOCTOR_SHUTDOWN_SECONDS", "20",
                // No outcome store: replicas would each keep a SQLite file in the project folder.
                "GATEWAY_DOCTOR_DB", "off");
        PackagedJar a = new PackagedJar(portA, env, logA);
        PackagedJar b = new PackagedJar(portB, env, logB);
        Process nginx = null;
        PackagedJar restarted = null;
        ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            a.awaitUp();
            b.awaitUp();
            nginx = startNginx(dir, portN, portA, portB);
            awaitNginx(portN);

            List<Turn> turns = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger conversations = new AtomicInteger();
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        converse("c" + conversations.incrementAndGet(), portN, turns, failures);
                    }
                    return null;
                });
            }
            // Load for a while on both replicas (at least 40 answered turns) before one goes away.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Thread.sleep(3000);
            while (turns.size() < 40 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            int beforeStop = turns.size();

            // The replica goes away: SIGTERM, /ready at once 503, exit 0 after the drain.
            long stopAt = System.nanoTime();
            a.terminate();
            HttpResponse<String> ready = awaitDraining(portA);
            int exit = a.exitCode(60);
            long drainMillis = (System.nanoTime() - stopAt) / 1_000_000;
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals("draining", JSON.readTree(ready.body()).get("status").asText(), ready.body());
            assertEquals(0, exit, "exit code after SIGTERM");

            Thread.sleep(2000);
            // ...and comes back on the same port.
            restarted = new PackagedJar(portA, env, logA);
            restarted.awaitUp();
            int afterRestart = turns.size();
            long until2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Thread.sleep(3000);
            while (turns.size() < afterRestart + 40 && System.nanoTime() < until2) {
                Thread.sleep(100);
            }
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));

            Map<String, String> upstreamNames = Map.of("127.0.0.1:" + portA, "A", "127.0.0.1:" + portB, "B");
            Map<String, Integer> perReplica = new LinkedHashMap<>();
            Map<String, Set<String>> replicasOfConversation = new ConcurrentHashMap<>();
            int movedAfterStop = 0;
            Map<String, String> firstReplica = new ConcurrentHashMap<>();
            for (Turn turn : turns) {
                String r = upstreamNames.getOrDefault(turn.upstream().replaceAll(".*,\\s*", ""), turn.upstream());
                perReplica.merge(r, 1, Integer::sum);
                replicasOfConversation.computeIfAbsent(turn.conversation(), k -> ConcurrentHashMap.newKeySet()).add(r);
                firstReplica.putIfAbsent(turn.conversation(), r);
                if (turn.index() > 0 && turn.atNanos() > stopAt && "A".equals(firstReplica.get(turn.conversation())) && "B".equals(r)) {
                    movedAfterStop++;
                }
            }
            long crossing = replicasOfConversation.values().stream().filter(s -> s.size() > 1).count();
            String figures = "requests " + turns.size() + " (" + beforeStop + " before the SIGTERM), failed " + failures.size()
                    + ", per replica " + perReplica + ", conversations " + replicasOfConversation.size()
                    + ", answered by both replicas " + crossing + ", turns of conversations begun on A answered by B after the SIGTERM "
                    + movedAfterStop + ", SIGTERM to exit " + drainMillis + " ms (exit " + exit + ")";
            System.out.println("rolling restart: " + figures);
            System.out.println("rolling restart: /ready during the drain: " + ready.statusCode() + " " + ready.body());
            System.out.println("rolling restart: an access line: " + accessLine(logB));
            Files.writeString(Path.of(System.getProperty("gd.target", "server/target"), "rolling-restart.txt"), figures + "\n"
                    + "ready during drain: " + ready.statusCode() + " " + ready.body() + "\n" + "access line: " + accessLine(logB) + "\n");

            assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), figures);
            assertTrue(movedAfterStop > 0, figures);
            assertTrue(perReplica.getOrDefault("A", 0) > 0 && perReplica.getOrDefault("B", 0) > 0, figures);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            load.shutdownNow();
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
            a.close();
            b.close();
        }
    }

    /** One conversation: the opening, then the first option of each step, up to six turns. */
    private void converse(String id, int port, List<Turn> turns, List<String> failures) {
        String opening = OPENINGS.get(Math.floorMod(id.hashCode(), OPENINGS.size()));
        // Each conversation from a client of its own, as nginx forwards it: the replicas trust
        // nginx's address and count rate limits per forwarded client.
        int n = Integer.parseInt(id.substring(1));
        String clientAddress = "198.18." + (n / 250 % 250) + "." + (n % 250 + 1);
        Map<String, Object> body = Map.of("message", opening);
        for (int i = 0; i < 6; i++) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("X-Forwarded-For", clientAddress)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                turns.add(new Turn(id, i, r.headers().firstValue("X-Upstream").orElse("?"), r.statusCode(), System.nanoTime()));
                if (r.statusCode() != 200) {
                    failures.add(id + " turn " + i + ": " + r.statusCode() + " " + r.body());
                    return;
                }
                JsonNode reply = JSON.readTree(r.body());
                JsonNode options = reply.path("node").path("options");
                if (!options.isArray() || options.isEmpty()) {
                    return;
                }
                body = Map.of("state", reply.get("state").asText(), "choice", options.get(0).get("id").asText());
            } catch (IOException e) {
                failures.add(id + " turn " + i + ": " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Process startNginx(Path dir, int port, int a, int b) throws IOException {
        Path prefix = Files.createDirectories(dir.resolve("nginx"));
        for (String sub : List.of("logs", "temp")) {
            Files.createDirectories(prefix.resolve(sub));
        }
        // Workers may run as another user when the tests run as root: let them write the temp files.
        for (Path p : List.of(dir, prefix, prefix.resolve("logs"), prefix.resolve("temp"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        String conf = """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 256; }
                http {
                  access_log %1$s/logs/access.log;
                  client_body_temp_path %1$s/temp/body;
                  proxy_temp_path %1$s/temp/proxy;
                  fastcgi_temp_path %1$s/temp/fastcgi;
                  uwsgi_temp_path %1$s/temp/uwsgi;
                  scgi_temp_path %1$s/temp/scgi;
                  upstream replicas {
                    server 127.0.0.1:%3$d max_fails=1 fail_timeout=2s;
                    server 127.0.0.1:%4$d max_fails=1 fail_timeout=2s;
                    keepalive 16;
                  }
                  server {
                    listen 127.0.0.1:%2$d;
                    location / {
                      proxy_pass http://replicas;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Request-Id $request_id;
                      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
                      proxy_next_upstream_tries 2;
                      proxy_connect_timeout 2s;
                      add_header X-Upstream $upstream_addr always;
                    }
                  }
                }
                """.formatted(prefix, port, a, b);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf, StandardCharsets.UTF_8);
        return new ProcessBuilder(NGINX.toString(), "-c", file.toString(), "-p", prefix.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    }

    private void awaitNginx(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // nginx is still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nginx did not start");
    }

    /** /ready of the stopping replica, asked directly until it answers 503. */
    private HttpResponse<String> awaitDraining(int port) throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 50; i++) {
            last = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 503) {
                return last;
            }
            Thread.sleep(20);
        }
        return last;
    }

    private static String accessLine(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("\"logger_name\":\"access\"") && l.contains("/api/chat"))
                .findFirst().orElse("(none)");
    }
}
