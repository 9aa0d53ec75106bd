package dev.gatewaydoctor.match;

import java.util.List;

/**
 * "unlike": whether the text shows one of the entry's look-alikes ({@code unlike} in its front
 * matter): an input that shares the entry's software or page template but is another problem,
 * such as the same server's 404 or 403 page. It weighs against the entry the way evidence weighs
 * for it; the text-level counterpart is {@link OutOfScopeSignal}'s "look-alike".
 */
final class UnlikeSignal implements Signal {

    @Override
    public List<String> names() {
        return List.of("unlike");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> new double[] {found(index.unlike.getOrDefault(c.id(), List.of()), query) ? 1 : 0};
    }

    static boolean found(List<CompiledEvidence> patterns, Query query) {
        for (CompiledEvidence e : patterns) {
            if (e.foundIn(query.seen())) {
                return true;
            }
        }
        return false;
    }
}
