package dev.gatewaydoctor.match;

import java.util.List;

/**
 * What the entry is about rather than everything it mentions on the way (title, tags, summary,
 * wordings): "focus" and "focus-mass", the coverage of the text's words by that focus, and
 * "focus-specific", how much of the text's words are what this entry is about and few others are
 * (scaled by the best candidate).
 */
final class FocusSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("focus", "focus-mass", "focus-specific");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        String[] terms = query.terms();
        double[] rarity = new double[terms.length];
        for (int i = 0; i < terms.length; i++) {
            int df = query.known()[i].focusFrequency();
            rarity[i] = df == 0 ? 0 : Math.log((double) index.size() / df);
        }
        int slots = found.ids().size();
        double[] specific = new double[slots];
        // Term by term over the slots that have it: each slot's sum still adds its terms in order.
        for (int i = 0; i < terms.length; i++) {
            if (rarity[i] != 0) {
                hits.addWhereFocusExact(i, rarity[i], specific);
            }
        }
        double maxSpecific = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < slots; s++) {
            maxSpecific = Math.max(maxSpecific, specific[s]);
        }
        double scale = Math.max(1e-9, slots == 0 ? 1.0 : maxSpecific);
        return c -> {
            double[] focus = CoverageSignal.coverage(query.all(), hits, c.slot(), false);
            return new double[] {focus[0], Math.log1p(focus[1]) / 3, specific[c.slot()] / scale};
        };
    }
}
