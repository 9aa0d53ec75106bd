package dev.gatewaydoctor.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Reads every request body whole before any handler runs, without holding a thread while it waits,
 * and hands the route the collected bytes: the routes read bodies with blocking calls, so 250
 * clients that each send one byte a second would otherwise hold 250 workers. No route ever reads
 * the raw stream, so there is nothing for a route and this collector to race over.
 *
 * <p>Each route's bound comes from {@link BodyLimits}: a declared {@code Content-Length} above it is
 * answered 413 at once, before a byte of the body is read; a body without a length (chunked) is
 * refused 413 the moment it passes the bound. Uploads (image and multipart) are collected like any
 * body, under the upload bound of their route, and then take their place in the OCR queue.
 *
 * <p>Collected bytes count against a budget for the whole server ({@link #BUDGET}); a body that would
 * pass it is answered 503 with {@code Retry-After}, so many large bodies at once cannot fill the heap.
 *
 * <p>Refused here, as JSON: a body that falls below {@link ServerLimits#minBodyRate()} after the grace
 * period (408), a malformed body such as a bad chunk size (400, before any route or signature check
 * looks at it), a body that times out (408). Every refusal closes the connection.
 */
final class BodyFirst extends Handler.Wrapper {

    /** Bytes all collected bodies may hold at once. */
    static final long BUDGET = 32L * 1024 * 1024;
    /**
     * A body refused for its declared size is still read and dropped after the answer, up to this
     * much: a client that writes its whole body before it reads (most HTTP libraries) would otherwise
     * fail on its write when the connection closes and never see the 413. Past it, the answer is sent
     * and the connection closed at once.
     */
    static final long DRAIN = 4L * 1024 * 1024;

    private final ServerLimits limits;
    private final BodyLimits bodies;
    private final AtomicLong held = new AtomicLong();

    BodyFirst(ServerLimits limits, BodyLimits bodies) {
        this.limits = limits;
        this.bodies = bodies;
    }

    /** Bytes of bodies being collected now (for tests and metrics). */
    long held() {
        return held.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        long length = request.getLength();
        if (length <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean upload = type != null && (type.regionMatches(true, 0, "multipart/", 0, 10) || type.regionMatches(true, 0, "image/", 0, 6));
        long max = bodies.limit(Request.getPathInContext(request), upload);
        if (length > max) {
            refuseDeclared(request, response, callback, length, max);
            return true;
        }
        new Collector(request, response, callback, max).run();
        return true;
    }

    /**
     * 413 before reading. A body of at most {@link #DRAIN} bytes is then read and dropped without a
     * thread so its client can finish writing and read the answer; one that asked to be told first
     * ({@code Expect: 100-continue}) is not read at all.
     */
    private void refuseDeclared(Request request, Response response, Callback callback, long length, long max) {
        boolean expects = request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
        if (expects || length > DRAIN) {
            tooLarge(response, callback, max);
            return;
        }
        tooLarge(response, Callback.from(() -> new Drain(request, callback).run(), callback::failed), max);
    }

    private static void tooLarge(Response response, Callback callback, long max) {
        JsonErrorHandler.write(response, callback, 413,
                Map.of("error", "the request body is larger than the limit of " + max + " bytes", "limit", max), true);
    }

    /** Reads what is left of a refused body and drops it, then ends the exchange (and the connection). */
    private final class Drain implements Runnable {
        private final Request request;
        private final Callback callback;
        private final long start = NanoTime.now();
        private long size;

        Drain(Request request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow(start, size)) {
                        callback.succeeded(); // answered already; the connection closes
                        return;
                    }
                    request.demand(this);
                    return;
                }
                size += chunk.getByteBuffer().remaining();
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk);
                chunk.release();
                if (end || size > DRAIN) {
                    callback.succeeded();
                    return;
                }
            }
        }
    }

    private boolean tooSlow(long start, long size) {
        long elapsed = NanoTime.millisSince(start);
        return elapsed > limits.bodyGrace().toMillis() && size * 1000L < limits.minBodyRate() * elapsed;
    }

    /** Collects the body as its chunks arrive; runs again on each demand callback. */
    private final class Collector implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long max;
        private final long start = NanoTime.now();
        private byte[] bytes = new byte[0];
        private int size;
        /** Bytes of the budget this body holds; given back exactly once when the exchange ends. */
        private long reserved;

        Collector(Request request, Response response, Callback callback, long max) {
            this.request = request;
            this.response = response;
            this.callback = Callback.from(callback, this::release);
            this.max = max;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow(start, size)) {
                        refuse(408, "the request body arrives too slowly (under " + limits.minBodyRate() + " bytes per second)");
                        return;
                    }
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                int n = chunk.getByteBuffer().remaining();
                if (size + (long) n > max) {
                    chunk.release();
                    tooLarge(response, callback, max);
                    return;
                }
                if (!reserve(n)) {
                    chunk.release();
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, 1);
                    refuse(503, "the server is receiving too many large request bodies at once; try again in a moment");
                    return;
                }
                append(chunk.getByteBuffer());
                chunk.release();
                if (last) {
                    dispatch();
                    return;
                }
            }
        }

        private boolean reserve(int n) {
            if (held.addAndGet(n) > BUDGET) {
                held.addAndGet(-n);
                return false;
            }
            reserved += n;
            return true;
        }

        private void release() {
            held.addAndGet(-reserved);
            reserved = 0;
            bytes = null;
        }

        private void append(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (size + n > bytes.length) {
                // Grows by doubling as bytes arrive, never past the declared length or the bound: a slow
                // client that announces 100 KB and sends a byte a second holds a few bytes, not 100 KB.
                long declared = request.getLength();
                long cap = declared > 0 ? Math.min(declared, max) : max;
                bytes = Arrays.copyOf(bytes, (int) Math.max(size + n, Math.min(cap, Math.max(1024, 2L * bytes.length))));
            }
            buffer.get(bytes, size, n);
            size += n;
        }

        private void failed(Throwable failure) {
            if (failure instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                refuse(http.getCode(), "the request body is malformed: " + http.getReason());
            } else if (failure instanceof TimeoutException) {
                refuse(408, "the request body did not arrive in time");
            } else {
                callback.failed(failure); // the client went away: nobody to answer
            }
        }

        private void refuse(int status, String message) {
            JsonErrorHandler.write(response, callback, status, Map.of("error", message), true);
        }

        private void dispatch() {
            Request withBody = new Collected(request, Content.Chunk.from(ByteBuffer.wrap(bytes, 0, size), true));
            try {
                if (!BodyFirst.super.handle(withBody, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable x) {
                Response.writeError(request, response, callback, x);
            }
        }
    }

    /** The request with its whole body already read: the collected bytes, then the end. */
    private static final class Collected extends Request.Wrapper {
        private Content.Chunk body;

        Collected(Request request, Content.Chunk body) {
            super(request);
            this.body = body;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk c = body;
            body = Content.Chunk.EOF;
            return c;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
