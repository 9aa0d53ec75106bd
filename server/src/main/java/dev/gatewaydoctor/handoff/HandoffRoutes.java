package dev.gatewaydoctor.handoff;

import dev.gatewaydoctor.Settings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The routes configured in the environment, each enabled by its first variable; a route that is
 * half configured stops the start with a message naming what is missing.
 */
public final class HandoffRoutes {

    public static final String ATTEMPTS_ENV = "GATEWAY_DOCTOR_HANDOFF_ATTEMPTS";
    public static final String BACKOFF_ENV = "GATEWAY_DOCTOR_HANDOFF_BACKOFF_MS";
    public static final String QUEUE_ENV = "GATEWAY_DOCTOR_HANDOFF_QUEUE";

    private HandoffRoutes() {}

    public static List<Route> from(Settings settings, Clock clock) {
        List<Route> routes = new ArrayList<>();
        String webhook = settings.env(WebhookRoute.URL_ENV, null);
        if (webhook != null) {
            routes.add(new WebhookRoute(uri(webhook, WebhookRoute.URL_ENV), new HandoffSignature(
                    settings.env(WebhookRoute.SECRET_ENV, null), WebhookRoute.SECRET_ENV, clock)));
        }
        String smtp = settings.env(SmtpRoute.PREFIX + "HOST", null);
        if (smtp != null) {
            String to = required(settings, SmtpRoute.PREFIX + "TO", SmtpRoute.PREFIX + "HOST");
            routes.add(new SmtpRoute(smtp, (int) settings.envNumber(SmtpRoute.PREFIX + "PORT", 587),
                    settings.env(SmtpRoute.PREFIX + "USER", null), settings.env(SmtpRoute.PREFIX + "PASSWORD", null),
                    !"false".equalsIgnoreCase(settings.env(SmtpRoute.PREFIX + "STARTTLS", "true")),
                    settings.env(SmtpRoute.PREFIX + "FROM", to), to));
        }
        String zendesk = settings.env(ZendeskRoute.URL_ENV, null);
        if (zendesk != null) {
            List<String> tags = Arrays.stream(settings.env(ZendeskRoute.TAGS_ENV, "").split(","))
                    .map(String::strip).filter(t -> !t.isEmpty()).toList();
            routes.add(new ZendeskRoute(uri(zendesk, ZendeskRoute.URL_ENV), settings.env(ZendeskRoute.EMAIL_ENV, null),
                    settings.env(ZendeskRoute.TOKEN_ENV, null), tags));
        }
        return routes;
    }

    public static Deliveries.Policy policy(Settings settings) {
        Deliveries.Policy d = Deliveries.Policy.defaults();
        return new Deliveries.Policy((int) settings.envNumber(QUEUE_ENV, d.capacity()),
                (int) settings.envNumber(ATTEMPTS_ENV, d.attempts()),
                Duration.ofMillis((long) settings.envNumber(BACKOFF_ENV, d.backoff().toMillis())));
    }

    private static String required(Settings settings, String name, String because) {
        String v = settings.env(name, null);
        if (v == null) {
            throw new IllegalArgumentException(name + " must be set with " + because);
        }
        return v;
    }

    private static URI uri(String value, String name) {
        try {
            URI u = URI.create(value.strip());
            if (u.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a URL such as https://support.example.com/hook, got '" + value + "'");
        }
    }
}
