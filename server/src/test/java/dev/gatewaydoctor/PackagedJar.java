package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The packaged jar started as users start it, on a free port, for the integration tests. */
public final class PackagedJar implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    public PackagedJar() throws IOException {
        this(java.util.Map.of());
    }

    /** With these variables added to the environment the jar runs in. */
    public PackagedJar(java.util.Map<String, String> env) throws IOException {
        this(freePort(), env, null);
    }

    /**
     * On {@code port}, with {@code env} added to this process's environment, standard output and
     * error written to {@code log} (discarded when null).
     */
    public PackagedJar(int port, java.util.Map<String, String> env, Path log) throws IOException {
        Path jar = Path.of(System.getProperty("gd.jar", "server/target/gateway-doctor.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged jar at " + jar);
        this.port = port;
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        b.environment().putAll(env);
        process = b.start();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** Sends SIGTERM, as an orchestrator stopping the container does. */
    public void terminate() {
        process.destroy();
    }

    /** The exit code, waiting at most {@code seconds}; fails when the process is still running. */
    public int exitCode(int seconds) throws InterruptedException {
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "the server did not exit within " + seconds + " s");
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Waits until /health answers (the server may take a while to start on a busy machine). */
    public PackagedJar awaitUp() throws InterruptedException {
        assertEquals(200, get("/health").statusCode());
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends the request, retrying while the server is still starting (up to about 60 s: a busy machine is slow to start a JVM). */
    public HttpResponse<String> send(HttpRequest request) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                assertTrue(process.isAlive(), "the server exited with " + (process.isAlive() ? "" : process.exitValue()));
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the jar did not start");
    }

    public HttpResponse<String> get(String path) throws InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
