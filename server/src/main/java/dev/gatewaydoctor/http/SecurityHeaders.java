package dev.gatewaydoctor.http;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Security headers on every response, set before any handler runs so that errors carry them too.
 * Everything: {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.
 * API and Slack routes: a policy that loads nothing and may not be framed. Web pages: a policy that
 * allows this server's own scripts, styles (inline ones too, for the widget's shadow root), images
 * (and those of the hosts KB authors allow) and API, and framing by this server's pages only.
 * Scripts and styles served as files get no policy: a policy applies to documents.
 */
public final class SecurityHeaders extends Handler.Wrapper {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private final String pagePolicy;

    /** @param imageHosts hosts KB entries may show images from ({@code GATEWAY_DOCTOR_KB_IMAGE_HOSTS}) */
    public SecurityHeaders(List<String> imageHosts) {
        StringBuilder img = new StringBuilder("'self' data:");
        imageHosts.forEach(h -> img.append(" https://").append(h));
        this.pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + img
                + "; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = response.getHeaders();
        String path = Request.getPathInContext(request);
        if (isPage(path)) {
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("Content-Security-Policy", pagePolicy);
            headers.put("X-Frame-Options", "SAMEORIGIN");
        } else if (isAsset(path)) {
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
        } else {
            api(headers);
        }
        return super.handle(request, response, callback);
    }

    /** The headers of a JSON answer: also used for the errors written outside any route. */
    static void api(HttpFields.Mutable headers) {
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Content-Security-Policy", API_POLICY);
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.endsWith("/") || path.endsWith(".html") || path.endsWith(".htm");
    }

    /** Files of the web folder other than pages: scripts, styles, images, fonts. */
    private static boolean isAsset(String path) {
        if (path.startsWith("/api/") || path.startsWith("/slack/") || path.equals("/health")) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        return path.indexOf('.', slash + 1) > 0;
    }
}
