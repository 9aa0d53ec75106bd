package dev.gatewaydoctor.match;

import java.util.List;

/**
 * The answer to "which entry fits this text?".
 *
 * @param matched whether the best candidate is confident enough to act on
 * @param confidence the best candidate's confidence in [0, 1]
 * @param results candidates, best first, even when not matched (for "did you mean ...")
 * @param evidence what was recognised in the text, for the candidates returned
 * @param text the text that was matched (visible text when HTML was pasted)
 */
public record Match(boolean matched, double confidence, List<Candidate> results, List<Found> evidence, String text) {

    public Match {
        results = List.copyOf(results);
        evidence = List.copyOf(evidence);
    }

    /** The best candidate when matched. */
    public java.util.Optional<Candidate> best() {
        return matched && !results.isEmpty() ? java.util.Optional.of(results.get(0)) : java.util.Optional.empty();
    }

    /** A candidate entry with its confidence in [0, 1]. */
    public record Candidate(String id, String title, double score) {}

    /**
     * A piece of entry evidence recognised in the text.
     *
     * @param entry the entry it points to
     * @param label what it is, in the KB's words
     * @param found the text that matched
     * @param line the line of the text where it was found (1-based)
     */
    public record Found(String entry, String label, String found, int line) {}
}
