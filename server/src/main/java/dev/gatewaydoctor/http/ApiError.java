package dev.gatewaydoctor.http;

import java.util.Map;

/**
 * A client error with the status and JSON body to answer with. Thrown from handlers and mapped
 * once, in {@link JsonErrors}, to {@code {"error": message, ...details}}.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final Map<String, Object> details;

    public ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiError(int status, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    public static ApiError tooLarge(String what, long limit) {
        return new ApiError(413, what + " is larger than the limit of " + limit + " bytes", Map.of("limit", limit));
    }
}
