package dev.gatewaydoctor.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin access for pages that embed the widget from another origin. Only the origins listed
 * are answered with CORS headers; with none listed (the default) the server is same-origin only and
 * sends no CORS header at all.
 *
 * <p>Written here rather than taken from Javalin's bundled CORS plugin because that plugin echoes
 * whatever methods and headers a preflight asks for and answers a refused preflight with 200; this
 * one allows a fixed set and refuses a preflight from an unknown origin with 403, so a refusal is
 * visible in the browser's network log instead of a silent missing header. Thread-safe.
 */
public final class Cors {

    /** Comma-separated origins such as {@code https://help.example.com}, or {@code *} for any. */
    public static final String ENV = "GATEWAY_DOCTOR_CORS_ORIGINS";

    static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type";
    /** Browsers cap this (Chromium at 2 hours); ten minutes keeps a changed policy from lingering. */
    static final String MAX_AGE = "600";

    private final Set<String> origins;
    private final boolean anyOrigin;

    private Cors(Set<String> origins, boolean anyOrigin) {
        this.origins = Set.copyOf(origins);
        this.anyOrigin = anyOrigin;
    }

    /** Same origin only: no CORS headers for anyone. */
    public static Cors sameOriginOnly() {
        return new Cors(Set.of(), false);
    }

    /**
     * The policy in {@link #ENV}'s format; blank means same origin only. A malformed origin stops the
     * start with a message naming the variable, rather than silently allowing nothing.
     */
    public static Cors parse(String list) {
        if (list == null || list.isBlank()) {
            return sameOriginOnly();
        }
        Set<String> origins = new LinkedHashSet<>();
        boolean any = false;
        for (String raw : list.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals("*")) {
                any = true;
            } else {
                origins.add(normalize(item).orElseThrow(() -> new IllegalArgumentException(ENV
                        + " must list origins like https://help.example.com (scheme, host and optional port, no path), got '"
                        + item + "'")));
            }
        }
        return new Cors(origins, any);
    }

    /** Whether a request's {@code Origin} header is one this policy answers. */
    public boolean allows(String origin) {
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            return false;
        }
        return anyOrigin ? normalize(origin).isPresent() : normalize(origin).map(origins::contains).orElse(false);
    }

    public void install(JavalinConfig config) {
        config.routes.before(this::handle);
    }

    void handle(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
        if (!anyOrigin && !origins.isEmpty()) {
            // The answer depends on the Origin header: caches must not reuse it for another origin.
            ctx.header("Vary", "Origin");
        }
        if (!allows(origin)) {
            if (preflight) {
                JsonErrors.send(ctx, 403, "cross-origin requests from " + origin + " are not allowed", Map.of());
                ctx.skipRemainingHandlers();
            }
            return;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE);
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }

    /** {@code scheme://host[:port]} in lower case, without the default port; empty when not an origin. */
    static Optional<String> normalize(String origin) {
        try {
            URI u = new URI(origin.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getRawUserInfo() != null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
