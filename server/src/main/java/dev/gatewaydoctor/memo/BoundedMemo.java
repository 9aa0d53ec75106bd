package dev.gatewaydoctor.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values derived from immutable inputs (a KB's rendered texts, a word's near spellings, a text's
 * redaction), kept for the next time the same key comes: lock-free to read, bounded by emptying
 * itself when full (cheap values on hot paths, where the LRU order of {@link RecentCache} would
 * cost a lock per read). Keys longer than the limit are computed every time and never kept.
 */
public final class BoundedMemo<V> {

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final int capacity;
    private final int maxKeyLength;

    public BoundedMemo(int capacity, int maxKeyLength) {
        if (capacity < 1 || maxKeyLength < 1) {
            throw new IllegalArgumentException("a memo needs room for at least one key");
        }
        this.capacity = capacity;
        this.maxKeyLength = maxKeyLength;
    }

    public V get(String key, Function<String, V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V v = compute.apply(key);
        if (key.length() <= maxKeyLength) {
            if (values.size() >= capacity) {
                values.clear();
            }
            values.put(key, v);
        }
        return v;
    }

    public int size() {
        return values.size();
    }
}
