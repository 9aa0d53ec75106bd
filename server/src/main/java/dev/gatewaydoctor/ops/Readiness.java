package dev.gatewaydoctor.ops;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /ready}: whether this replica should get traffic. Ready when every registered check
 * passes and the process is not draining; from the moment a drain starts (SIGTERM) it answers 503
 * so that load balancers and Kubernetes stop sending new requests while the ones in flight finish.
 *
 * <p>Checks are added by the parts that own what they check: the KB ({@code App}), the outcome
 * store once it exists ({@code readiness.add("outcomes", () -> ...)}). A check must be cheap and
 * must not block: probes run every few seconds. Thread-safe.
 */
public final class Readiness {

    /** One check's answer: whether it passes and what to show about it. */
    public record Status(boolean ok, Map<String, Object> details) {
        public Status {
            details = Map.copyOf(details);
        }

        public static Status ok(Map<String, Object> details) {
            return new Status(true, details);
        }

        public static Status failing(String why) {
            return new Status(false, Map.of("problem", why));
        }
    }

    @FunctionalInterface
    public interface Check {
        Status check();
    }

    private record Named(String name, Check check) {}

    private final List<Named> checks = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> names = new ConcurrentHashMap<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /** Adds a check shown under {@code name}; names are unique. */
    public Readiness add(String name, Check check) {
        if (names.putIfAbsent(name, true) != null) {
            throw new IllegalArgumentException("a readiness check named " + name + " is already registered");
        }
        checks.add(new Named(name, check));
        return this;
    }

    /** From now on not ready, for good: the process is going away. */
    public void drain() {
        draining.set(true);
    }

    public boolean draining() {
        return draining.get();
    }

    public void serve(Context ctx) {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean ok = !draining.get();
        String failing = null;
        for (Named n : checks) {
            Status s;
            try {
                s = n.check().check();
            } catch (RuntimeException e) {
                s = Status.failing(e.toString());
            }
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("ok", s.ok());
            shown.putAll(s.details());
            results.put(n.name(), shown);
            if (!s.ok() && failing == null) {
                failing = n.name();
            }
            ok &= s.ok();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!ok) {
            body.put("error", draining.get() ? "not ready: shutting down, finishing the requests in flight"
                    : "not ready: " + failing + " check failing");
        }
        body.put("status", draining.get() ? "draining" : ok ? "ready" : "not_ready");
        body.put("checks", results);
        ctx.header("Cache-Control", "no-store");
        ctx.status(ok ? 200 : 503).json(body);
    }
}
