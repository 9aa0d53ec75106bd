package dev.gatewaydoctor.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Checks at the edge: body size, JSON shape and numeric parameters, each failing as a clear 4xx. */
public final class Requests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {}

    /** 413 when the declared or actual body is larger than {@code max} bytes. */
    public static byte[] limitBody(Context ctx, long max) {
        long declared = ctx.contentLength();
        if (declared > max) {
            throw ApiError.tooLarge("the request body", max);
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > max) {
            throw ApiError.tooLarge("the request body", max);
        }
        return body;
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
