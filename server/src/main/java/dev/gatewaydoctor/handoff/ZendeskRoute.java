package dev.gatewaydoctor.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a ticket through the Zendesk Tickets API: {@code POST {url}/api/v2/tickets.json} with
 * {@code {"ticket": {"subject", "comment": {"body"}, "requester": {"email", "name"}, "tags",
 * "external_id"}}}, authenticated with an API token as {@code {agent-email}/token:{token}} in Basic
 * auth. The visitor becomes the requester, so agents answer them directly.
 */
public final class ZendeskRoute implements Route {

    public static final String URL_ENV = "GATEWAY_DOCTOR_ZENDESK_URL";
    public static final String EMAIL_ENV = "GATEWAY_DOCTOR_ZENDESK_EMAIL";
    public static final String TOKEN_ENV = "GATEWAY_DOCTOR_ZENDESK_TOKEN";
    public static final String TAGS_ENV = "GATEWAY_DOCTOR_ZENDESK_TAGS";
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String authorization;
    private final List<String> tags;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param base the account's address, e.g. {@code https://acme.zendesk.com} */
    public ZendeskRoute(URI base, String agentEmail, String token, List<String> tags) {
        if (agentEmail == null || agentEmail.isBlank()) {
            throw new IllegalArgumentException(EMAIL_ENV + " must be set with " + URL_ENV);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_ENV + " must be set with " + URL_ENV);
        }
        String root = base.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(root + "/api/v2/tickets.json");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((agentEmail + "/token:" + token).getBytes(StandardCharsets.UTF_8));
        this.tags = List.copyOf(tags);
    }

    @Override
    public String name() {
        return "zendesk";
    }

    @Override
    public void deliver(Handoff handoff) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(ticket(handoff))))
                .build();
        HttpResponse<Void> response = Exchange.within(client, request, TIMEOUT.multipliedBy(2));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("Zendesk answered " + response.statusCode());
        }
    }

    Map<String, Object> ticket(Handoff h) {
        Map<String, Object> requester = new LinkedHashMap<>();
        requester.put("email", h.email());
        if (h.name() != null) {
            requester.put("name", h.name());
        }
        List<String> all = new ArrayList<>(tags);
        all.add("gateway-doctor");
        if (h.entry() != null) {
            all.add("gd-" + h.entry().id());
        }
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", h.subject());
        ticket.put("comment", Map.of("body", h.body()));
        ticket.put("requester", requester);
        ticket.put("tags", all);
        // The handoff id: a retry after a lost answer can be recognised as the same ticket.
        ticket.put("external_id", h.id());
        return Map.of("ticket", ticket);
    }
}
