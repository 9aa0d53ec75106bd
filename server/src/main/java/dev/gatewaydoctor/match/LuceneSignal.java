package dev.gatewaydoctor.match;

import java.util.List;

/**
 * Lucene's BM25 scores from candidate generation, each scaled by the best candidate's: "lucene"
 * (best wording plus prose), "lucene-wording", "lucene-prose", and "lucene-top", whether Lucene
 * ranks this entry first.
 */
final class LuceneSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("lucene", "lucene-wording", "lucene-prose", "lucene-top");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        double maxTotal = found.maxTotal();
        double maxWording = found.maxWording();
        double maxProse = found.maxProse();
        String top = found.top();
        return c -> new double[] {
            found.total().getOrDefault(c.id(), 0.0) / maxTotal,
            found.wording().getOrDefault(c.id(), 0.0) / maxWording,
            found.prose().getOrDefault(c.id(), 0.0) / maxProse,
            c.id().equals(top) ? 1 : 0,
        };
    }
}
