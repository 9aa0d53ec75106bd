package dev.gatewaydoctor.handoff;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free loopback port that records every request and answers with the
 * status it is told to: stands in for a site's webhook receiver or for Zendesk.
 */
public final class LocalReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String method, String path, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private volatile int status;
    private final String answer;

    public LocalReceiver(int status, String answer) {
        this.status = status;
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // Read before the request is handed to the test, which may change the answer for the next one.
            int code = this.status;
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), body));
            // Only a 204 goes without a body; any other answer carries one with its length, so the
            // client knows where it ends without waiting for the connection to close.
            byte[] out = (code == 204 ? "" : answer.isEmpty() ? "{}" : answer).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // Each request on its own connection, as a receiver behind a proxy often answers.
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answerWith(int status) {
        this.status = status;
    }

    /** The next request, waiting up to 30 seconds (a retry comes after a backoff); fails when none came. */
    public Request next() throws InterruptedException {
        Request r = requests.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            // Where the delivery threads are says why nothing came.
            StringBuilder where = new StringBuilder();
            Thread.getAllStackTraces().forEach((t, stack) -> {
                if (t.getName().startsWith("handoff-delivery")) {
                    where.append('\n').append(t.getName()).append(' ').append(t.getState());
                    for (StackTraceElement e : stack) {
                        where.append("\n  at ").append(e);
                    }
                }
            });
            throw new AssertionError("no request reached " + url("/") + where);
        }
        return r;
    }

    public int received() {
        return requests.size();
    }

    /** A loopback URL where nothing listens: a receiver that is down. */
    public static String nobodyListening(String path) {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
