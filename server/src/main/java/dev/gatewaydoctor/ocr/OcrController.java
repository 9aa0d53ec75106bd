package dev.gatewaydoctor.ocr;

import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import dev.gatewaydoctor.match.MatchController;
import dev.gatewaydoctor.match.Matcher;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/ocr}: a screenshot as {@code multipart/form-data} (field {@code image}) or as the
 * raw body with an image content type, answered with {@code {"text", "match"}}. Also reads the image
 * that starts a conversation on {@code POST /api/chat}. HTTP in and out only: the work is in
 * {@link ScreenshotReader}.
 */
public final class OcrController {

    public static final String FIELD = "image";
    /** Room for the multipart boundaries and headers around the image. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** The least a refused upload is read to its end, so that its client sees the answer. */
    static final long DRAIN_MIN = 32L * 1024 * 1024;

    private final ScreenshotReader reader;
    private final Supplier<Matcher> matcher;

    public OcrController(ScreenshotReader reader, Supplier<Matcher> matcher) {
        this.reader = reader;
        this.matcher = matcher;
    }

    /**
     * Bounds multipart uploads for the whole server, and keeps the parts Jetty spills to disk in the
     * process's own spool folder under the OCR folder, where they are removed when the request ends
     * (and, after a crash, at the next start). Jetty's own limits are a backstop a
     * little above ours: when Jetty hits one mid-body it drops the connection without an answer,
     * so the image limit is enforced here, on the declared length and on the part.
     */
    public static void limits(JavalinConfig config, OcrSettings settings, SpoolFolder spool) {
        config.jetty.multipartConfig.cacheDirectory(spool.path().toString());
        config.jetty.multipartConfig.maxFileSize(settings.maxBytes() + MULTIPART_OVERHEAD, SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBytes() + MULTIPART_OVERHEAD, SizeUnit.BYTES);
        config.http.maxRequestSize = Math.max(config.http.maxRequestSize, settings.maxBytes() + MULTIPART_OVERHEAD);
    }

    public void post(Context ctx) {
        int limit = Requests.intInRange(ctx.queryParam("limit"), "limit", 1, MatchController.MAX_LIMIT, MatchController.DEFAULT_LIMIT);
        Upload upload = readImage(ctx, true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", upload.text());
        out.put("match", MatchController.view(matcher.get().match(upload.text(), limit)));
        ctx.json(out);
    }

    /**
     * The text of the image that starts a conversation, with the {@code message} field sent beside it
     * in front; empty when the request is not an image upload (then it is an ordinary JSON turn).
     */
    public Optional<String> chatText(Context ctx) {
        if (!isUpload(ctx)) {
            return Optional.empty();
        }
        Upload upload = readImage(ctx, false);
        String message = upload.message() == null || upload.message().isBlank() ? "" : upload.message().strip() + "\n\n";
        return Optional.of(message + upload.text());
    }

    private record Upload(String text, String message) {}

    private static boolean isUpload(Context ctx) {
        String type = mediaType(ctx);
        return type.equals("multipart/form-data") || type.startsWith("image/");
    }

    private static String mediaType(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private Upload readImage(Context ctx, boolean ocrRoute) {
        try {
            return readImageOrFail(ctx, ocrRoute);
        } catch (ApiError e) {
            // A refusal may come before the upload was read. Answering while the client still
            // sends makes many clients fail on their write and never see the answer, so the rest
            // is read and dropped, up to a bound; past it the connection is closed, and said so.
            // A form is always closed after: a failed multipart parse leaves the connection unusable.
            boolean drained = Requests.drain(ctx, Math.max(4 * reader.maxBytes(), DRAIN_MIN));
            if (!drained || mediaType(ctx).startsWith("multipart/")) {
                ctx.header("Connection", "close");
            }
            throw e;
        }
    }

    private Upload readImageOrFail(Context ctx, boolean ocrRoute) {
        long max = reader.maxBytes();
        String type = mediaType(ctx);
        if (!isUpload(ctx)) {
            throw new ApiError(415, "send the image as multipart/form-data (field '" + FIELD + "') or as the body with an image content type"
                    + (ocrRoute ? "" : ", or start with {\"message\"}"), Map.of("accepted", ImageCheck.mediaTypes()));
        }
        boolean form = type.startsWith("multipart/");
        long declared = ctx.contentLength();
        if (form && declared < 0) {
            throw new ApiError(411, "send a multipart/form-data upload with its Content-Length, or the image as the raw body");
        }
        if (declared > max + (form ? MULTIPART_OVERHEAD : 0)) {
            throw fail(ctx, ScreenshotReader.tooLarge(max));
        }
        try (OcrQueue.Ticket ticket = reader.queue().enter()) {
            byte[] image;
            String message = null;
            if (form) {
                UploadedFile file = part(ctx, max);
                if (file == null) {
                    throw ApiError.badRequest("the form has no file field '" + FIELD + "': send the screenshot in it");
                }
                if (file.size() > max) {
                    throw ScreenshotReader.tooLarge(max);
                }
                if (ctx.formParam("state") != null) {
                    throw ApiError.badRequest("an image can only start a conversation: continue with {\"state\", \"message\"}");
                }
                message = ctx.formParam("message");
                image = readAtMost(file::content, max);
            } else {
                image = readAtMost(ctx::bodyInputStream, max);
            }
            return new Upload(reader.read(ticket, image), message);
        } catch (OcrException e) {
            throw fail(ctx, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the server is shutting down");
        }
    }

    /** The {@code image} part; Jetty's own multipart limits become the same 413 as ours. */
    private UploadedFile part(Context ctx, long max) {
        try {
            return ctx.uploadedFile(FIELD);
        } catch (Exception e) { // Javalin rethrows Jetty's ServletException undeclared
            if (causedBySize(e)) {
                throw fail(ctx, ScreenshotReader.tooLarge(max));
            }
            throw ApiError.badRequest("the multipart/form-data body is malformed");
        }
    }

    /** Jetty says "max file size exceeded" (or request size) somewhere down the causes. */
    private static boolean causedBySize(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("size exceeded") || m.contains("length exceeded")) {
                return true;
            }
        }
        return false;
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    /** At most {@code max} bytes, or 413: a body without a length is never read past the limit. */
    private byte[] readAtMost(Source source, long max) throws OcrException {
        try (InputStream in = source.open()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw ScreenshotReader.tooLarge(max);
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw ApiError.badRequest("the upload was cut off before its end");
        }
    }

    /** The HTTP answer to a failed read; 429 carries Retry-After. */
    private static ApiError fail(Context ctx, OcrException e) {
        int status = switch (e.reason()) {
            case TOO_LARGE, TOO_MANY_PIXELS -> 413;
            case NOT_AN_IMAGE -> 415;
            case UNREADABLE -> 400;
            case BUSY -> 429;
            case UNAVAILABLE -> 503;
            case TIMED_OUT, NO_TEXT -> 422;
        };
        Object retry = e.details().get("retry_after");
        if (retry != null) {
            ctx.header("Retry-After", retry.toString());
        }
        return new ApiError(status, e.getMessage(), e.details());
    }
}
