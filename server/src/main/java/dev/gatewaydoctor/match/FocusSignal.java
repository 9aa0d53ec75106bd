package dev.gatewaydoctor.match;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public PerText forText(Query query, Candidates.Found found, EntryIndex index) {
        Map<String, Double> specific = new HashMap<>();
        for (String id : found.ids()) {
            TermSet focus = index.profiles.get(id).focus();
            double sum = 0;
            for (String t : query.weightedProse().keySet()) {
                Integer df = index.focusFrequency.get(t);
                if (df != null && focus.contains(t)) {
                    sum += Math.log((double) index.size() / df);
                }
            }
            specific.put(id, sum);
        }
        double maxSpecific = Math.max(1e-9, Candidates.Found.max(specific));
        return c -> {
            double[] focus = CoverageSignal.coverage(query, c.profile().focus(), TermSet.EMPTY);
            return new double[] {focus[0], Math.log1p(focus[1]) / 3, specific.getOrDefault(c.id(), 0.0) / maxSpecific};
        };
    }
}
