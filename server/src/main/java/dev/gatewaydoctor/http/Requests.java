package dev.gatewaydoctor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Checks at the edge: body size, JSON shape and numeric parameters, each failing as a clear 4xx. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {}

    /** 413 when the declared or actual body is larger than {@code max} bytes. */
    public static byte[] limitBody(Context ctx, long max) {
        long declared = ctx.contentLength();
        if (declared > max) {
            refuseUnread(ctx, max);
            throw ApiError.tooLarge("the request body", max);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > max) {
            throw ApiError.tooLarge("the request body", max);
        }
        return body;
    }

    /**
     * Before refusing a body that was not read: answering while the client still sends makes many
     * clients fail on their write and never see the answer, so the rest is read and dropped, up to
     * a bound ({@code 4 * max}, at least 1 MB); past it the connection is closed after the answer.
     */
    public static void refuseUnread(Context ctx, long max) {
        if (!drain(ctx, Math.max(4 * max, 1024 * 1024))) {
            ctx.header("Connection", "close");
        }
    }

    /** Reads and drops what is left of the body; false when more than {@code max} bytes were left. */
    public static boolean drain(Context ctx, long max) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = ctx.bodyInputStream();
            long left = max;
            int n;
            while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1))) > 0) {
                left -= n;
                if (left < 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // already consumed, or the client went away
        }
    }

    /** The body as a JSON object, or 400 saying why not. */
    public static JsonNode jsonObject(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiError.badRequest("the body is empty: send a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return node;
    }

    /** An optional integer parameter within bounds. */
    public static int intInRange(String value, String name, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v < min || v > max) {
                throw ApiError.badRequest("'" + name + "' must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + name + "' must be a whole number");
        }
    }
}
