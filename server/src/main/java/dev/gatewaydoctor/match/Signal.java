package dev.gatewaydoctor.match;

import java.util.List;

/**
 * One kind of evidence that a text is about a candidate entry, as named features each scaled to
 * about [0, 1]. The choice model weighs them with weights fitted on the dev set and looked up by
 * name, so adding a signal is one class, listed in {@link ChoiceModel#SIGNALS}, and a refit
 * ({@code eval --fit --write}).
 *
 * <p>Implementations are stateless and thread-safe; anything a signal needs across the candidates
 * of one text (a maximum to scale by) it computes in {@link #forText}.
 */
interface Signal {

    /** The features' names, in the order {@link PerText#values} gives them. */
    List<String> names();

    /** This signal for one text and its candidates. */
    PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index);

    /** A signal's view of one text. */
    interface PerText {
        /** The features of one candidate, in {@link #names()} order. */
        double[] values(ScoredCandidate candidate);
    }

    /**
     * A candidate entry with what was found of it in the text before the signals run, and its
     * slot: its position in the scoring order, which {@link TermHits} is numbered by; and its
     * best known wording's score ({@link WordingSignal}), which the out-of-scope signal reads too.
     */
    record ScoredCandidate(EntryIndex.Profile profile, List<Match.Found> evidence, int slot, double wording) {
        String id() {
            return profile.entry().id();
        }
    }
}
