package dev.gatewaydoctor.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts messages to Slack's {@code response_url}s after the click has been acknowledged. Everything
 * is bounded: a few worker threads, a short queue (a full one refuses new work instead of growing),
 * connect and request timeouts, no redirects, and only URLs under one configured prefix, so a
 * forged or odd payload cannot make the server call anywhere else. Thread-safe.
 */
public final class SlackResponder implements AutoCloseable {

    /** Environment variable overriding {@link #DEFAULT_PREFIX}, e.g. to point tests at a local server. */
    public static final String PREFIX_ENV = "GATEWAY_DOCTOR_SLACK_RESPONSE_URL_PREFIX";
    public static final String DEFAULT_PREFIX = "https://hooks.slack.com/";

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final int THREADS = 2;
    static final int QUEUE = 64;
    /** Slack's response URLs are about 100 characters; anything far longer is not one. */
    private static final int MAX_URL = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SlackResponder.class);

    private final String prefix;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ThreadPoolExecutor workers;

    /** @param prefix the start every response_url must have: scheme, host and a path ending in '/' */
    public SlackResponder(String prefix) {
        this(prefix, CONNECT_TIMEOUT, REQUEST_TIMEOUT, THREADS, QUEUE);
    }

    /** With explicit bounds, so tests can show them without waiting for the production ones. */
    SlackResponder(String prefix, Duration connectTimeout, Duration requestTimeout, int threads, int queue) {
        URI uri;
        try {
            uri = new URI(prefix);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(PREFIX_ENV + " is not a URL: '" + prefix + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !prefix.endsWith("/")
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(PREFIX_ENV + " must be an http(s) URL with a host, ending in '/': '" + prefix + "'");
        }
        this.prefix = prefix;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "slack-responder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Whether {@code url} is one this server will post to. */
    public boolean allows(String url) {
        if (url == null || url.length() > MAX_URL || !url.startsWith(prefix)) {
            return false;
        }
        try {
            new URI(url);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * Computes a message on a worker and posts it to {@code url}.
     *
     * @return false when the queue is full: the caller should answer "busy" rather than wait
     * @throws IllegalArgumentException when {@code url} is not {@linkplain #allows allowed}
     */
    public boolean submit(String url, Supplier<SlackMessage> message) {
        if (!allows(url)) {
            throw new IllegalArgumentException("response_url not allowed");
        }
        try {
            workers.execute(() -> {
                try {
                    post(url, message.get());
                } catch (RuntimeException e) {
                    LOG.error("a Slack update failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Posts now, on the calling thread; failures are logged (never the URL: it is a credential). */
    void post(String url, SlackMessage message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.toJson()))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Slack refused an update to a response_url: HTTP {}", response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("an update to a Slack response_url failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets queued updates finish for a moment, then stops the workers. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
