package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KB's prose terms within a typo's reach of a word: what Lucene's {@code FuzzyTermsEnum}
 * finds with a one-character prefix and transpositions (optimal string alignment distance at most
 * 1, or 2 for words of eight characters or more), found among the terms that share the word's
 * first character and a length within reach instead of walking an automaton over the terms
 * dictionary for every word.
 */
final class NearSpellings {

    /** Terms by first code point and length in code points, as code point arrays. */
    private final Map<Long, List<int[]>> buckets = new HashMap<>();
    private final Map<int[], String> text = new java.util.IdentityHashMap<>();

    NearSpellings(Collection<String> terms) {
        for (String t : terms) {
            int[] cps = t.codePoints().toArray();
            if (cps.length == 0) {
                continue;
            }
            buckets.computeIfAbsent(key(cps[0], cps.length), k -> new ArrayList<>()).add(cps);
            text.put(cps, t);
        }
    }

    private static long key(int first, int length) {
        return ((long) first << 32) | length;
    }

    /** Terms within {@code maxEdits} of {@code word} that start with its first code point. */
    List<String> near(String word, int maxEdits) {
        int[] w = word.codePoints().toArray();
        List<String> out = new ArrayList<>();
        if (w.length == 0) {
            return out;
        }
        for (int len = Math.max(1, w.length - maxEdits); len <= w.length + maxEdits; len++) {
            List<int[]> bucket = buckets.get(key(w[0], len));
            if (bucket == null) {
                continue;
            }
            for (int[] t : bucket) {
                if (distance(w, t, maxEdits) <= maxEdits) {
                    out.add(text.get(t));
                }
            }
        }
        return out;
    }

    /**
     * Optimal string alignment distance of the two arrays after their first element (insertions,
     * deletions, substitutions and adjacent transpositions, each once), or {@code max + 1} as soon
     * as it must exceed {@code max}.
     */
    static int distance(int[] a, int[] b, int max) {
        int n = a.length - 1;
        int m = b.length - 1;
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a[i] == b[j] ? 0 : 1;
                int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i] == b[j - 1] && a[i - 1] == b[j]) {
                    d = Math.min(d, prev2[j - 2] + 1);
                }
                cur[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
