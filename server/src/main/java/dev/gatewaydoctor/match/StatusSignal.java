package dev.gatewaydoctor.match;

import java.util.List;

/**
 * Agreement of the HTTP statuses the text names with the entry's: "code-mismatch" when the text
 * names statuses and the entry covers others only, "code-match" when one of them is the entry's.
 */
final class StatusSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("code-mismatch", "code-match");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> {
            var codes = c.profile().codes();
            return new double[] {
                !query.codes().isEmpty() && !codes.isEmpty() && query.codes().stream().noneMatch(codes::contains) ? 1 : 0,
                query.codes().stream().anyMatch(codes::contains) ? 1 : 0,
            };
        };
    }
}
