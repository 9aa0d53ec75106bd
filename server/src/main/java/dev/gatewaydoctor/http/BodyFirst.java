package dev.gatewaydoctor.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Reads a request's body before any handler runs, without holding a thread while it waits: the
 * routes read bodies with blocking calls, so 250 clients that each send one byte a second would
 * otherwise hold all 250 workers. The body (or its first {@link ServerLimits#bodyFirstBytes()}) is
 * collected as it arrives, then the request is handed on with that content in front.
 *
 * <p>Uploads (image and multipart content types) are handed on unread: the OCR route takes its place
 * in its bounded queue before reading, and refuses a full queue at once; a slow upload holds one of
 * the queue's few places, not every worker. Collected bytes count against a budget for the whole server ({@link #BUDGET}); past it, a body is
 * handed on without being collected, so many fast large bodies cannot fill the heap.
 *
 * <p>Refused here, as JSON: a body that falls below {@link ServerLimits#minBodyRate()} after the grace
 * period (408), a malformed body such as a bad chunk size (400, before any route or signature check
 * looks at it), a body that times out (408).
 */
final class BodyFirst extends Handler.Wrapper {

    /** Bytes all collected bodies may hold at once. */
    static final long BUDGET = 32L * 1024 * 1024;

    private final ServerLimits limits;
    private final AtomicLong reserved = new AtomicLong();

    BodyFirst(ServerLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        long length = request.getLength();
        if (length <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        boolean form = type != null && type.regionMatches(true, 0, "multipart/", 0, 10);
        boolean upload = form || type != null && type.regionMatches(true, 0, "image/", 0, 6);
        if (upload || length > limits.bodyFirstBytes()) {
            // Uploads, and bodies announced larger than what is collected, go straight to their route:
            // the OCR queue takes its place before reading, and routes refuse an oversized
            // Content-Length unread (413); collecting a first part here raced with the route's
            // handling of the rest and could leave the client waiting.
            return super.handle(request, response, callback);
        }
        int want = upload ? 1 : length > 0 ? (int) Math.min(length, limits.bodyFirstBytes()) : limits.bodyFirstBytes();
        if (reserved.addAndGet(want) > BUDGET) {
            reserved.addAndGet(-want);
            return super.handle(request, response, callback);
        }
        Callback release = Callback.from(callback, () -> reserved.addAndGet(-want));
        new Collector(request, response, release, want).run();
        return true;
    }

    /** Collects the body as its chunks arrive; runs again on each demand callback. */
    private final class Collector implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int want;
        private final long start = NanoTime.now();
        private byte[] bytes = new byte[1024];
        private int size;

        Collector(Request request, Response response, Callback callback, int want) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.want = want;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (tooSlow()) {
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
                append(chunk.getByteBuffer());
                chunk.release();
                if (last || size >= want) {
                    dispatch(last);
                    return;
                }
            }
        }

        private boolean tooSlow() {
            long elapsed = NanoTime.millisSince(start);
            return elapsed > limits.bodyGrace().toMillis() && size * 1000L < limits.minBodyRate() * elapsed;
        }

        private void append(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, 2 * bytes.length));
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
            JsonErrorHandler.write(response, callback, status, message, true);
        }

        private void dispatch(boolean complete) {
            Request withBody = new Collected(request, Content.Chunk.from(ByteBuffer.wrap(bytes, 0, size), complete), complete);
            try {
                if (!BodyFirst.super.handle(withBody, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                }
            } catch (Throwable x) {
                Response.writeError(request, response, callback, x);
            }
        }
    }

    /** The request with its collected content served first, then whatever is still to come. */
    private static final class Collected extends Request.Wrapper {
        private Content.Chunk collected;
        private final boolean complete;

        Collected(Request request, Content.Chunk collected, boolean complete) {
            super(request);
            this.collected = collected;
            this.complete = complete;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk c = collected;
            if (c != null) {
                collected = null;
                return c;
            }
            return complete ? Content.Chunk.EOF : super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (collected != null || complete) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }
    }
}
