package dev.gatewaydoctor.http;

import java.util.HashMap;
import java.util.Map;

/**
 * The most of a request body each route reads, by path: the bound {@link BodyFirst} collects up to
 * and refuses past (413), before any route runs. Routes keep their own, finer checks on what they
 * were handed (a text limit, a ticket without attachments); this is the outer bound, so it must be
 * at least what the route accepts.
 *
 * @param others bodies sent to any path not listed
 * @param bodies by exact path, or by prefix for a path ending in {@code /*}
 * @param uploads image and multipart bodies, by path, for the routes that take uploads; an upload to
 *     a path not listed here is bounded like any other body of that path
 */
public record BodyLimits(long others, Map<String, Long> bodies, Map<String, Long> uploads) {

    public BodyLimits {
        if (others < 0) {
            throw new IllegalArgumentException("a body limit cannot be negative");
        }
        bodies = Map.copyOf(bodies);
        uploads = Map.copyOf(uploads);
        if (bodies.values().stream().anyMatch(v -> v < 0) || uploads.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("a body limit cannot be negative");
        }
    }

    /** Every path bounded by {@code others}, until routes are added. */
    public static BodyLimits of(long others) {
        return new BodyLimits(others, Map.of(), Map.of());
    }

    /** With {@code path} (exact, or a prefix ending in {@code /*}) reading at most {@code bytes}. */
    public BodyLimits route(String path, long bytes) {
        Map<String, Long> m = new HashMap<>(bodies);
        m.put(path, bytes);
        return new BodyLimits(others, m, uploads);
    }

    /** With {@code path} taking image and multipart uploads of at most {@code bytes}. */
    public BodyLimits uploads(String path, long bytes) {
        Map<String, Long> m = new HashMap<>(uploads);
        m.put(path, bytes);
        return new BodyLimits(others, bodies, m);
    }

    /** The bound for a body sent to {@code path}; a trailing slash routes like the path without it. */
    long limit(String path, boolean upload) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (upload) {
            Long u = find(uploads, p);
            if (u != null) {
                return u;
            }
        }
        Long b = find(bodies, p);
        return b != null ? b : others;
    }

    private static Long find(Map<String, Long> table, String path) {
        Long exact = table.get(path);
        if (exact != null) {
            return exact;
        }
        for (int slash = path.lastIndexOf('/'); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
            Long prefix = table.get(path.substring(0, slash) + "/*");
            if (prefix != null) {
                return prefix;
            }
            if (slash == 0) {
                break;
            }
        }
        return null;
    }
}
