package dev.gatewaydoctor.match;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public PerText forText(Query query, Candidates.Found found, EntryIndex index) {
        return c -> {
            double[] v = coverage(query, c.profile().prose(), c.profile().folded());
            return new double[] {v[0], Math.log1p(v[1]) / 3, Math.log1p(v[2]) / 3};
        };
    }

    /** {share, matched weight, unmatched weight} of the text's weighted prose terms in {@code vocabulary}. */
    static double[] coverage(Query query, TermSet vocabulary, TermSet folded) {
        return coverage(query, query.weightedProse(), vocabulary, folded);
    }

    /** The same over a part of the text's weighted prose terms ({@code part}, a subset of the query's). */
    static double[] coverage(Query query, Map<String, Double> part, TermSet vocabulary, TermSet folded) {
        double total = 0;
        double found = 0;
        for (Map.Entry<String, Double> e : part.entrySet()) {
            String t = e.getKey();
            total += e.getValue();
            if (query.knownIn(t, vocabulary)) {
                found += e.getValue();
            } else if (!folded.isEmpty()) {
                Set<String> f = query.foldedProse().get(t);
                if (!f.isEmpty() && folded.containsAll(f)) {
                    found += e.getValue() / 2;
                }
            }
        }
        return new double[] {total == 0 ? 0 : found / total, found, total - found};
    }
}
