package dev.gatewaydoctor.match;

import java.util.List;

/** "title": the share of the entry's title words found in the text. */
final class TitleSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("title");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> {
            var title = c.profile().title();
            if (title.isEmpty()) {
                return new double[] {0};
            }
            return new double[] {(double) title.stream().filter(query.weightedProse()::containsKey).count() / title.size()};
        };
    }
}
