package dev.gatewaydoctor.match;

import java.util.List;
import java.util.Set;

/**
 * Signals of the text alone, for the "none of these" alternative: "information", how much it says;
 * "unknown-share", how much of it the KB has never heard of (not even spelt nearly or OCR-folded);
 * "foreign-code", whether it names only statuses no entry covers; "no-code", whether it names none;
 * "look-alike", whether it shows a look-alike some entry describes ({@code unlike}, see {@link
 * UnlikeSignal}); "signal-free", whether it has no error signal at all — no status, no entry's
 * evidence, no known wording nearly whole — and so only names a topic ("a load balancer in front
 * of two servers"), however well its words fit an entry.
 */
final class OutOfScopeSignal {

    static final List<String> NAMES = List.of("information", "unknown-share", "foreign-code", "no-code", "look-alike", "signal-free");

    private OutOfScopeSignal() {}

    static double[] values(Query query, EntryIndex index, List<Signal.ScoredCandidate> candidates) {
        double total = 0;
        double unknown = 0;
        String[] terms = query.terms();
        double[] weights = query.all().weights();
        for (int i = 0; i < terms.length; i++) {
            total += weights[i];
            EntryIndex.ProseTerm k = query.known()[i];
            Set<String> folded = k.folded();
            if (k.docFreq() == 0 && !query.knownIn(i, index.allProse)
                    && (folded.isEmpty() || !index.allFolded.containsAll(folded))) {
                unknown += weights[i];
            }
        }
        Set<Integer> codes = query.codes();
        boolean foreign = !codes.isEmpty() && codes.stream().noneMatch(index.allCodes::contains);
        boolean lookAlike = UnlikeSignal.found(index.allUnlike, query);
        boolean signal = !codes.isEmpty();
        for (Signal.ScoredCandidate c : candidates) {
            if (signal) {
                break;
            }
            signal = !c.evidence().isEmpty() || c.wording() > 0;
        }
        return new double[] {Math.log1p(total) / 3, total == 0 ? 1 : unknown / total, foreign ? 1 : 0, codes.isEmpty() ? 1 : 0,
                lookAlike ? 1 : 0, signal ? 0 : 1};
    }
}
