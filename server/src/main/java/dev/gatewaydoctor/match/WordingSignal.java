package dev.gatewaydoctor.match;

import java.util.List;

/**
 * "wording": how nearly a known wording of the entry is found whole in the text — the best
 * wording's share of its rarity-weighted words found, scaled down for wordings too short or too
 * common to mean much on their own. A pasted error page usually contains one whole.
 */
final class WordingSignal implements Signal {

    /** Rarity weight at which a wording means something on its own (about two uncommon words). */
    private static final double SATURATION = 4.0;

    @Override
    public List<String> names() {
        return List.of("wording");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> new double[] {c.wording()};
    }

    /**
     * The text's words among the KB's wording words, as a bit set over their numbers. A word read
     * with a slip (a near spelling of a wording word the wordings do not have, see {@link
     * EntryIndex#nearWordingWords}) or broken in two ({@link Query#joined}) counts as the word: a
     * screenshot's OCR rarely gets every word of a page right, and the share a wording needs
     * (three quarters of its weight) still asks for most of it.
     */
    static long[] present(Query query, EntryIndex index) {
        long[] bits = new long[(index.wordingWords.size() + 63) >>> 6];
        for (EntryIndex.FoldedWord word : query.foldedWords()) {
            if (word.wording() >= 0) {
                set(bits, word.wording());
            } else {
                for (int near : word.nearWordings()) {
                    set(bits, near);
                }
            }
        }
        for (String w : query.joined()) {
            set(bits, index.wordingWords.get(w));
        }
        return bits;
    }

    private static void set(long[] bits, int id) {
        bits[id >>> 6] |= 1L << id;
    }

    /** The best wording's score of {@code profile} in a text whose words are {@code present}. */
    static double best(long[] present, EntryIndex.Profile profile) {
        double best = 0;
        for (EntryIndex.Wording wording : profile.wordings()) {
            double total = 0;
            double hit = 0;
            int[] ids = wording.ids();
            double[] weights = wording.weights();
            for (int i = 0; i < ids.length; i++) {
                total += weights[i];
                if ((present[ids[i] >>> 6] & (1L << ids[i])) != 0) {
                    hit += weights[i];
                }
            }
            if (total > 0) {
                double share = hit / total;
                double saturation = Math.min(1, total / SATURATION);
                // Only a nearly whole wording counts: a few shared words are the prose signals' job.
                best = Math.max(best, share < 0.75 ? 0 : Math.pow(share, 3) * saturation);
            }
        }
        return best;
    }
}
