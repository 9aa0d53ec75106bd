package dev.gatewaydoctor.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs the handoff as JSON to a URL of the site's own, signed with {@link HandoffSignature}. Any
 * 2xx answer is a delivery; anything else, or no answer within {@link #TIMEOUT}, is a failed attempt.
 */
public final class WebhookRoute implements Route {

    public static final String URL_ENV = "GATEWAY_DOCTOR_HANDOFF_WEBHOOK";
    public static final String SECRET_ENV = "GATEWAY_DOCTOR_HANDOFF_WEBHOOK_SECRET";
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HandoffSignature signature;
    private final HttpClient client;

    public WebhookRoute(URI url, HandoffSignature signature) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException(URL_ENV + " must be an http(s) URL, got '" + url + "'");
        }
        this.url = url;
        this.signature = signature;
        // HTTP/1.1: no h2c upgrade dance with plain-http receivers, which some handle badly.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Handoff handoff) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(payload(handoff));
        String timestamp = signature.now();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Gateway-Doctor-Handoff")
                .header(HandoffSignature.TIMESTAMP_HEADER, timestamp)
                .header(HandoffSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response = Exchange.within(client, request, TIMEOUT.multipliedBy(2));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered " + response.statusCode());
        }
    }

    /** The JSON document the receiver gets; its fields are listed in the README. */
    static Map<String, Object> payload(Handoff h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", h.id());
        out.put("created", h.created().toString());
        out.put("email", h.email());
        out.put("name", h.name());
        out.put("visitor", h.visitor().isEmpty() ? null : h.visitor());
        out.put("lang", h.lang());
        out.put("page", h.page());
        out.put("entry", h.entry());
        out.put("path", h.path());
        out.put("pasted", h.pasted());
        out.put("summary", h.summary());
        return out;
    }
}
