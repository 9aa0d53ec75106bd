package dev.gatewaydoctor.memo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What was computed for the texts seen last, least recently used first out: the same pasted page
 * arrives again and again (a widget retry, a ticket and its reminder, a page refreshed), and its
 * match or vector costs time. Thread-safe; a value is computed outside the lock, so a slow text
 * never blocks the others. A capacity of 0 keeps nothing.
 */
public final class RecentCache<V> {

    private final int capacity;
    private final Map<String, V> values;
    private long hits;
    private long misses;

    public RecentCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the cache size must not be negative");
        }
        this.capacity = capacity;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > RecentCache.this.capacity;
            }
        };
    }

    public V get(String key, Function<String, V> compute) {
        if (capacity == 0) {
            synchronized (this) {
                misses++;
            }
            return compute.apply(key);
        }
        synchronized (this) {
            V v = values.get(key);
            if (v != null) {
                hits++;
                return v;
            }
            misses++;
        }
        V v = compute.apply(key);
        synchronized (this) {
            values.put(key, v);
        }
        return v;
    }

    public synchronized int size() {
        return values.size();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }
}
