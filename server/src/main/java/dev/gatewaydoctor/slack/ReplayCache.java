package dev.gatewaydoctor.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of the Slack requests accepted within the timestamp window, so that the same
 * signed request is answered once: a captured command or button click replayed within the window
 * verifies like the original. Bounded: past {@code capacity} the oldest entries go first (a flood
 * of distinct, validly signed requests would have to come from Slack). Thread-safe.
 */
final class ReplayCache {

    private final Clock clock;
    private final Duration window;
    private final int capacity;
    /** Signature to the instant (epoch seconds) it may be forgotten, in insertion order. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    ReplayCache(Clock clock, Duration window, int capacity) {
        this.clock = clock;
        this.window = window;
        this.capacity = capacity;
    }

    /**
     * Records a verified request; false when it was seen already.
     *
     * @param timestamp the request's own timestamp (seconds): it stays replayable as long as it is in the window
     */
    synchronized boolean firstTime(String signature, long timestamp) {
        long now = clock.instant().getEpochSecond();
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            if (e.getValue() >= now && seen.size() <= capacity) {
                break; // insertion order is nearly expiry order: stop at the first live one
            }
            it.remove();
        }
        if (seen.containsKey(signature)) {
            return false;
        }
        // Forget it only once its timestamp has left the window in both directions (clock skew included).
        seen.put(signature, Math.max(now, timestamp) + window.toSeconds());
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
