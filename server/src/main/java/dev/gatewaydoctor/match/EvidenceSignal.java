package dev.gatewaydoctor.match;

import java.util.List;

/** "evidence": the entry's evidence patterns found in the text (two or more count fully). */
final class EvidenceSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("evidence");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> new double[] {Math.min(2, c.evidence().size()) / 2.0};
    }
}
