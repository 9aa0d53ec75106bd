package dev.gatewaydoctor.match;

import java.util.List;

/**
 * How much of the text's informative words the entry speaks of, spelling slips (near spellings)
 * and OCR look-alikes (folded, counted half) included: "coverage" the share, "matched-mass" and
 * "unmatched-mass" the weights found and not found. Low for text about something else; the masses
 * tell a one-word text from a real question. Over everything the entry says ({@code prose}), and
 * separately over what it is about ({@code focus}, see {@link FocusSignal}).
 */
final class CoverageSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("coverage", "matched-mass", "unmatched-mass");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> {
            double[] v = coverage(query.all(), hits, c.slot(), true);
            return new double[] {v[0], Math.log1p(v[1]) / 3, Math.log1p(v[2]) / 3};
        };
    }

    /**
     * {share, matched weight, unmatched weight} of {@code part} of the text's weighted prose terms
     * in the candidate's prose ({@code prose}, where an OCR-folded match counts half) or in its focus.
     */
    static double[] coverage(Query.Part part, TermHits hits, int slot, boolean prose) {
        double total = 0;
        double found = 0;
        int[] at = part.at();
        double[] w = part.weights();
        for (int i = 0; i < at.length; i++) {
            total += w[i];
            if (prose ? hits.prose(at[i], slot) : hits.focus(at[i], slot)) {
                found += w[i];
            } else if (prose && hits.folded(at[i], slot)) {
                found += w[i] / 2;
            }
        }
        return new double[] {total == 0 ? 0 : found / total, found, total - found};
    }
}
