package dev.gatewaydoctor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, a bad URI, headers too large, an unsupported HTTP
 * version, anything that fails before a route runs) as the same JSON body as every other error,
 * {@code {"error": "..."}}, instead of Jetty's HTML page. Server errors say nothing of internals.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            reason = http.getReason();
        }
        if (status < 400 || status > 599) {
            status = 500;
        }
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        write(response, callback, status, message(status, reason), false);
        return true;
    }

    /** "400 Bad Request: Ambiguous URI path separator"; a 5xx never carries the reason. */
    static String message(int status, String reason) {
        String text = status + " " + HttpStatus.getMessage(status);
        if (status >= 500 || reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))) {
            return status >= 500 ? text + ": the server could not answer this request" : text;
        }
        return text + ": " + reason;
    }

    /** Writes {@code {"error": message}} with the status; {@code close} ends the connection after it. */
    static void write(Response response, Callback callback, int status, String message, boolean close) {
        write(response, callback, status, Map.of("error", message), close);
    }

    /** Writes {@code body} (an {@code error} and its details) as JSON with the status. */
    static void write(Response response, Callback callback, int status, Map<String, Object> error, boolean close) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            body = "{\"error\":\"request failed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        SecurityHeaders.api(response.getHeaders());
        if (close) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
