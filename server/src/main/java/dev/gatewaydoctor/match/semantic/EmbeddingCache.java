package dev.gatewaydoctor.match.semantic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The vectors of the texts seen last, least recently used first out: the same pasted page arrives
 * again and again (a widget retry, a ticket and its reminder), and its vector costs milliseconds.
 * Thread-safe; the vector is computed outside the lock, so a slow text never blocks the others.
 */
final class EmbeddingCache {

    private final int capacity;
    private final Map<String, float[]> vectors;
    private long hits;
    private long misses;

    EmbeddingCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("the cache size must not be negative");
        }
        this.capacity = capacity;
        this.vectors = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > EmbeddingCache.this.capacity;
            }
        };
    }

    float[] get(String key, Function<String, float[]> compute) {
        synchronized (this) {
            float[] v = vectors.get(key);
            if (v != null) {
                hits++;
                return v;
            }
            misses++;
        }
        float[] v = compute.apply(key);
        if (capacity > 0) {
            synchronized (this) {
                vectors.put(key, v);
            }
        }
        return v;
    }

    synchronized int size() {
        return vectors.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
