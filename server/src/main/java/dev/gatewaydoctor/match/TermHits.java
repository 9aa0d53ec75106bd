package dev.gatewaydoctor.match;

import java.util.List;

/**
 * Which candidate entries know each of a text's weighted prose terms, found once per text from
 * the KB's inverted term lists ({@link EntryIndex#proseEntries} and the others) rather than once
 * per candidate and signal: the coverage signals then read bits.
 *
 * <p>Per term {@code i} and candidate slot {@code s} (the candidate's position in the scoring
 * order), four facts: the entry's prose has the term or a near spelling of it ({@code prose}); its
 * OCR-folded words include all of the term's folded words ({@code folded}); its focus has the term
 * or a near spelling ({@code focus}); its focus has the term itself ({@code focusExact}).
 */
final class TermHits {

    private final int words;
    private final long[] prose;
    private final long[] folded;
    private final long[] focus;
    private final long[] focusExact;

    private TermHits(int words, int terms) {
        this.words = words;
        this.prose = new long[terms * words];
        this.folded = new long[terms * words];
        this.focus = new long[terms * words];
        this.focusExact = new long[terms * words];
    }

    /** The facts for {@code query}'s weighted terms over {@code candidates}, in slot order. */
    static TermHits of(Query query, List<EntryIndex.Profile> candidates, EntryIndex index) {
        int slots = candidates.size();
        int words = Math.max(1, (slots + 63) >>> 6);
        String[] terms = query.terms();
        TermHits h = new TermHits(words, terms.length);
        // Every entry in ordinal order (a small KB): each term's facts were worked out when the
        // index first met the term, and are copied; otherwise marked for these candidates.
        boolean everyEntry = index.inOrdinalOrder(candidates);
        int[] slotOf = null;
        try {
            for (int i = 0; i < terms.length; i++) {
                EntryIndex.ProseTerm known = query.known()[i];
                if (everyEntry && known.everyEntry() != null) {
                    h.copy(i, known.everyEntry());
                    continue;
                }
                if (slotOf == null) {
                    slotOf = index.slots(candidates);
                }
                h.mark(i * words, terms[i], known, slotOf, slots, candidates);
            }
        } finally {
            if (slotOf != null) {
                index.release(candidates, slotOf);
            }
        }
        return h;
    }

    /** One term's facts over every entry of a small KB, slot by ordinal, as a one-term {@code TermHits}. */
    static TermHits overEveryEntry(String term, EntryIndex.ProseTerm known, EntryIndex index) {
        List<EntryIndex.Profile> all = index.inOrder();
        int[] slotOf = new int[all.size()];
        for (int s = 0; s < slotOf.length; s++) {
            slotOf[s] = s;
        }
        TermHits h = new TermHits(Math.max(1, (all.size() + 63) >>> 6), 1);
        h.mark(0, term, known, slotOf, all.size(), all);
        return h;
    }

    /** Term {@code term}'s facts copied from {@code one}, a one-term {@code TermHits} over the same slots. */
    private void copy(int term, TermHits one) {
        System.arraycopy(one.focusExact, 0, focusExact, term * words, words);
        System.arraycopy(one.focus, 0, focus, term * words, words);
        System.arraycopy(one.prose, 0, prose, term * words, words);
        System.arraycopy(one.folded, 0, folded, term * words, words);
    }

    /** Term {@code t}'s four facts, at word {@code at} of each fact's bits, for {@code candidates}. */
    private void mark(int at, String t, EntryIndex.ProseTerm known, int[] slotOf, int slots, List<EntryIndex.Profile> candidates) {
        mark(focusExact, at, known.focusEntries(), slotOf, slots, candidates, p -> p.focus().contains(t));
        System.arraycopy(focusExact, at, focus, at, words);
        mark(prose, at, known.proseEntries(), slotOf, slots, candidates, p -> p.prose().contains(t));
        List<String> near = known.near();
        for (int j = 0; j < near.size(); j++) {
            String n = near.get(j);
            mark(prose, at, known.nearProseEntries()[j], slotOf, slots, candidates, p -> p.prose().contains(n));
            mark(focus, at, known.nearFocusEntries()[j], slotOf, slots, candidates, p -> p.focus().contains(n));
        }
        var f = known.folded();
        if (!f.isEmpty()) {
            boolean first = true;
            long[] one = new long[words];
            int j = 0;
            for (String w : f) {
                java.util.Arrays.fill(one, 0);
                mark(one, 0, known.foldedEntries()[j++], slotOf, slots, candidates, p -> p.folded().contains(w));
                for (int k = 0; k < words; k++) {
                    folded[at + k] = first ? one[k] : folded[at + k] & one[k];
                }
                first = false;
            }
        }
    }

    /**
     * Sets the bits of the candidates among {@code entries} (an inverted list of entry ordinals).
     * A list much longer than the candidates (a common word of a large KB) is cheaper to answer by
     * asking each candidate's own term set.
     */
    private static void mark(long[] bits, int at, int[] entries, int[] slotOf, int slots, List<EntryIndex.Profile> candidates,
                             java.util.function.Predicate<EntryIndex.Profile> has) {
        if (entries == null) {
            return;
        }
        if (entries.length > 8 * slots) {
            for (int s = 0; s < slots; s++) {
                if (has.test(candidates.get(s))) {
                    bits[at + (s >>> 6)] |= 1L << s;
                }
            }
            return;
        }
        for (int e : entries) {
            int s = slotOf[e];
            if (s >= 0) {
                bits[at + (s >>> 6)] |= 1L << s;
            }
        }
    }

    private boolean bit(long[] bits, int term, int slot) {
        return (bits[term * words + (slot >>> 6)] & (1L << slot)) != 0;
    }

    boolean prose(int term, int slot) {
        return bit(prose, term, slot);
    }

    boolean folded(int term, int slot) {
        return bit(folded, term, slot);
    }

    boolean focus(int term, int slot) {
        return bit(focus, term, slot);
    }

    /**
     * Adds {@code value} to {@code perSlot[s]} for every slot {@code s} whose focus has term
     * {@code term} itself: over the term's set bits, not a test of every slot.
     */
    void addWhereFocusExact(int term, double value, double[] perSlot) {
        for (int k = 0; k < words; k++) {
            long bits = focusExact[term * words + k];
            while (bits != 0) {
                perSlot[(k << 6) + Long.numberOfTrailingZeros(bits)] += value;
                bits &= bits - 1;
            }
        }
    }

    boolean focusExact(int term, int slot) {
        return bit(focusExact, term, slot);
    }
}
