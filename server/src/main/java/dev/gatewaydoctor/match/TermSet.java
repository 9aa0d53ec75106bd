package dev.gatewaydoctor.match;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An immutable set of terms as one sorted array of shared strings: an entry's vocabulary costs a
 * few bytes a term instead of a hash node, which matters for knowledge bases of thousands of
 * entries. Lookups are binary searches.
 */
final class TermSet {

    static final TermSet EMPTY = new TermSet(new String[0]);

    private final String[] sorted;

    private TermSet(String[] sorted) {
        this.sorted = sorted;
    }

    /** The terms, each replaced by its shared copy from {@code pool} so equal terms are stored once. */
    static TermSet of(Collection<String> terms, Map<String, String> pool) {
        String[] a = terms.stream().map(t -> pool.computeIfAbsent(t, k -> k)).distinct().sorted().toArray(String[]::new);
        return new TermSet(a);
    }

    boolean contains(String term) {
        return Arrays.binarySearch(sorted, term) >= 0;
    }

    boolean containsAll(Collection<String> terms) {
        for (String t : terms) {
            if (!contains(t)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    int size() {
        return sorted.length;
    }

    Stream<String> stream() {
        return Arrays.stream(sorted);
    }
}
