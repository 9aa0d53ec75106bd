package dev.gatewaydoctor.handoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery queue: every handoff goes to every route on a background thread, a failed attempt
 * is retried after a doubling backoff, and the status of each handoff can be read while it runs.
 * Bounded twice: at most {@link Policy#capacity()} handoffs wait or run at once (further ones are
 * refused, so a flood cannot fill memory), and only the newest {@link #KEPT} statuses are kept.
 * {@link #submit} never waits for a delivery. Thread-safe.
 */
public final class Deliveries implements AutoCloseable {

    /** Statuses kept for polling; older finished ones are forgotten. */
    static final int KEPT = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    /**
     * @param capacity handoffs in flight at most
     * @param attempts tries per route before it is given up
     * @param backoff the wait after the first failure; doubled after each further one
     */
    public record Policy(int capacity, int attempts, Duration backoff) {
        public Policy {
            if (capacity < 1 || attempts < 1 || backoff.isNegative()) {
                throw new IllegalArgumentException("capacity and attempts must be at least 1, backoff not negative");
            }
        }

        public static Policy defaults() {
            return new Policy(200, 5, Duration.ofSeconds(5));
        }
    }

    /** Where one route stands with one handoff. */
    public enum State { QUEUED, SENT, FAILED }

    /** @param error the last failure, null when none */
    public record RouteStatus(String route, State state, int attempts, String error) {}

    /**
     * @param state {@code SENT} once any route delivered (a person has it), {@code FAILED} once every
     *     route gave up, else {@code QUEUED}
     */
    public record Status(String id, State state, List<RouteStatus> routes) {}

    private final List<Route> routes;
    private final Policy policy;
    private final ScheduledExecutorService worker;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, RouteStatus[]> statuses = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RouteStatus[]> eldest) {
            return size() > KEPT;
        }
    };

    public Deliveries(List<Route> routes, Policy policy) {
        this.routes = List.copyOf(routes);
        this.policy = policy;
        // Two threads: one slow route (an SMTP timeout) does not hold up the others for long.
        this.worker = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "handoff-delivery");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether any route is configured: without one there is nobody to hand off to. */
    public boolean enabled() {
        return !routes.isEmpty();
    }

    public List<String> routeNames() {
        return routes.stream().map(Route::name).toList();
    }

    /** Queues the handoff for every route; false when the queue is full (nothing is queued then). */
    public boolean submit(Handoff handoff) {
        if (inFlight.incrementAndGet() > policy.capacity()) {
            inFlight.decrementAndGet();
            return false;
        }
        RouteStatus[] s = new RouteStatus[routes.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new RouteStatus(routes.get(i).name(), State.QUEUED, 0, null);
        }
        synchronized (statuses) {
            statuses.put(handoff.id(), s);
        }
        AtomicInteger pending = new AtomicInteger(routes.size());
        for (int i = 0; i < routes.size(); i++) {
            int route = i;
            worker.execute(() -> attempt(handoff, route, 1, pending));
        }
        return true;
    }

    private void attempt(Handoff handoff, int route, int attempt, AtomicInteger pending) {
        Route r = routes.get(route);
        try {
            r.deliver(handoff);
            update(handoff.id(), route, new RouteStatus(r.name(), State.SENT, attempt, null));
            finished(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String error = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            boolean last = attempt >= policy.attempts();
            update(handoff.id(), route, new RouteStatus(r.name(), last ? State.FAILED : State.QUEUED, attempt, error));
            if (last) {
                LOG.warn("handoff {} could not be delivered by {} after {} attempts: {}", handoff.id(), r.name(), attempt, error);
                finished(pending);
                return;
            }
            LOG.info("handoff {}: attempt {} by {} failed, retrying: {}", handoff.id(), attempt, r.name(), error);
            long wait = Math.min(MAX_BACKOFF.toMillis(), policy.backoff().toMillis() << Math.min(attempt - 1, 20));
            try {
                worker.schedule(() -> attempt(handoff, route, attempt + 1, pending), wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                finished(pending);
            }
        }
    }

    private void finished(AtomicInteger pending) {
        if (pending.decrementAndGet() == 0) {
            inFlight.decrementAndGet();
        }
    }

    private void update(String id, int route, RouteStatus status) {
        synchronized (statuses) {
            RouteStatus[] s = statuses.get(id);
            if (s != null) {
                s[route] = status;
            }
        }
    }

    /** The status of a handoff submitted here, empty when unknown or long forgotten. */
    public Optional<Status> status(String id) {
        List<RouteStatus> list;
        synchronized (statuses) {
            RouteStatus[] s = statuses.get(id);
            if (s == null) {
                return Optional.empty();
            }
            list = new ArrayList<>(List.of(s));
        }
        State overall = list.stream().anyMatch(s -> s.state() == State.SENT) ? State.SENT
                : list.stream().allMatch(s -> s.state() == State.FAILED) ? State.FAILED : State.QUEUED;
        return Optional.of(new Status(id, overall, list));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
