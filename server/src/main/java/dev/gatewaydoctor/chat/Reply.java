package dev.gatewaydoctor.chat;

import dev.gatewaydoctor.match.Match;
import java.util.List;
import java.util.Optional;

/**
 * One turn's answer, for any channel to render.
 *
 * @param state where the conversation now is (the channel encodes it for the client)
 * @param matched whether the conversation is inside an entry's flow
 * @param entry the entry being followed, when there is one
 * @param confidence how sure the match that chose the entry was (1 when the user chose it)
 * @param node what to show now
 * @param say a sentence to show before the node: what was recognised, skipped or changed
 * @param skipped questions answered by evidence in the user's text, in order
 * @param alternatives other entries that could fit
 * @param evidence what the matcher recognised in the text
 * @param handoff a plain-text summary for a human agent, once nothing is left to try
 * @param canGoBack whether "back" has somewhere to go
 */
public record Reply(
        State state,
        boolean matched,
        Optional<EntryRef> entry,
        double confidence,
        Shown node,
        String say,
        List<Skipped> skipped,
        List<Match.Candidate> alternatives,
        List<Match.Found> evidence,
        Optional<String> handoff,
        boolean canGoBack) {

    public Reply {
        skipped = List.copyOf(skipped);
        alternatives = List.copyOf(alternatives);
        evidence = List.copyOf(evidence);
    }

    /** The same reply with another state (a channel's stamp on it). */
    public Reply withState(State state) {
        return new Reply(state, matched, entry, confidence, node, say, skipped, alternatives, evidence, handoff, canGoBack);
    }

    public record EntryRef(String id, String title) {}

    /**
     * The node to show.
     *
     * @param id node id (synthetic nodes: {@code choose-entry}, {@code other-entries}, {@code fixed}, {@code handoff})
     * @param kind {@code question}, {@code fix} or {@code end}
     * @param text Markdown
     * @param prompt the question to ask below the text, e.g. "Did this fix it?"
     */
    public record Shown(String id, String kind, String title, String text, String prompt, List<Choice> options) {
        public Shown {
            options = List.copyOf(options);
        }
    }

    /** An option the user can pick; {@code id} goes back as {@code choice}. */
    public record Choice(String id, String label) {}

    /** A question answered by evidence instead of asking. */
    public record Skipped(String entry, String node, String question, String answer, String because) {}
}
