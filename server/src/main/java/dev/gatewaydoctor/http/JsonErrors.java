package dev.gatewaydoctor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to a JSON body {@code {"error": "..."}}: clients never see a stack trace. */
public final class JsonErrors {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    private JsonErrors() {}

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.details()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, e.getStatus(), message(e), Map.of()));
        config.routes.exception(JsonProcessingException.class, (e, ctx) ->
                send(ctx, 400, "the body is not valid JSON: " + e.getOriginalMessage(), Map.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Unexpected: log for the operator, answer without internals.
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, 500, "internal error", Map.of());
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || !isJson(ctx)) {
                send(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path(), Map.of());
            }
        });
        config.routes.error(405, ctx -> send(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path(), Map.of()));
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static String message(HttpResponseException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "request failed with status " + e.getStatus() : m;
    }

    public static void send(Context ctx, int status, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.putAll(details);
        ctx.status(status).json(body);
    }
}
