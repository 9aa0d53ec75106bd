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
        // A plain get first: the terms are mostly in the pool already, and a get takes no lock.
        String[] a = new String[terms.size()];
        int n = 0;
        for (String t : terms) {
            String shared = pool.get(t);
            if (shared == null) {
                String raced = pool.putIfAbsent(t, t);
                shared = raced == null ? t : raced;
            }
            a[n++] = shared;
        }
        Arrays.sort(a, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || !a[i].equals(a[distinct - 1])) {
                a[distinct++] = a[i];
            }
        }
        return new TermSet(distinct == a.length ? a : Arrays.copyOf(a, distinct));
    }

    /** Terms already sorted and distinct (as {@link #terms} gave them). */
    static TermSet ofSorted(String[] sorted) {
        return new TermSet(sorted);
    }

    /** The terms, sorted; the caller must not change the array. */
    String[] terms() {
        return sorted;
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
