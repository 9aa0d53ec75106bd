package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar carries the sentence model with the Linux natives only, and runs it. */
class SemanticJarIT {

    private static final Path JAR = Path.of(System.getProperty("gd.jar", "server/target/gateway-doctor.jar"));

    @Test
    void the_jar_holds_the_model_and_the_linux_natives_and_nothing_for_other_systems() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("all-minilm-l6-v2-q.onnx"));
            assertTrue(names.contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so"));
            assertTrue(names.contains("native/lib/linux-x86_64/cpu/libtokenizers.so"));
            assertTrue(names.contains("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"));
            assertFalse(names.stream().anyMatch(n -> n.matches(".*(osx|darwin|win32-|win-).*\\.(so|dylib|dll|pdb|jnilib)")),
                    "no macOS or Windows library");
            assertFalse(names.stream().anyMatch(n -> n.startsWith("dev/langchain4j/")), "no langchain4j code");
        }
    }

    @Test
    void started_with_the_semantic_signal_on_it_computes_and_keeps_the_kb_vectors(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--kb", "server/src/test/resources/kb-mail")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("GATEWAY_DOCTOR_SEMANTIC", "on");
        pb.environment().put("GATEWAY_DOCTOR_DATA", data.toString());
        Process process = pb.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = null;
            // The model loads and the KB is embedded before the port opens: a busy machine takes a while.
            for (int i = 0; i < 1200 && health == null; i++) {
                try {
                    health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException notYet) {
                    assertTrue(process.isAlive(), "the server exited");
                    Thread.sleep(100);
                }
            }
            assertTrue(health != null, "the jar did not start");
            assertEquals(200, health.statusCode());
            try (Stream<Path> files = Files.list(data.resolve("vectors"))) {
                assertTrue(files.anyMatch(f -> f.toString().endsWith(".vec")), "KB vectors written to the data folder");
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void triage_with_the_semantic_part_on_builds_the_cascade_and_a_wrong_setting_is_refused(@TempDir Path data) throws Exception {
        // The launcher turns the semantic part on for every command: triage must build the matcher
        // the server would serve (it keeps the KB vectors in the data folder as the server does),
        // and a setting that is neither on nor off is a clear error, not a silent lexical run.
        Path out = data.resolve("report.jsonl");
        Process on = triage(data, "on", "--out", out.toString());
        assertTrue(on.waitFor(300, TimeUnit.SECONDS), "triage did not finish");
        assertEquals(0, on.exitValue(), Files.readString(data.resolve("triage-on.log")));
        assertTrue(Files.readString(out).contains("\"id\":\"502-cloudflare\""), Files.readString(out));
        try (Stream<Path> files = Files.list(data.resolve("vectors"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".vec")), "KB vectors written to the data folder");
        }
        Process wrong = triage(data, "maybe");
        assertTrue(wrong.waitFor(120, TimeUnit.SECONDS), "triage did not finish");
        String said = Files.readString(data.resolve("triage-maybe.log"));
        assertEquals(1, wrong.exitValue(), said);
        assertTrue(said.contains("GATEWAY_DOCTOR_SEMANTIC must be on or off"), said);
    }

    private static Process triage(Path data, String semantic, String... more) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "triage", "server/src/test/resources/tickets/batch", "--kb", "kb"));
        command.addAll(List.of(more));
        // Output to a file: a pipe nobody reads while the process runs could fill and block it.
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("triage-" + semantic + ".log").toFile());
        pb.environment().put("GATEWAY_DOCTOR_SEMANTIC", semantic);
        pb.environment().put("GATEWAY_DOCTOR_DATA", data.toString());
        return pb.start();
    }
}
