package dev.gatewaydoctor.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Where a conversation is, carried by the client between turns (signed by {@link StateCodec}).
 * Kept small: Slack button values hold it.
 *
 * @param entry current entry id, null while no entry is chosen
 * @param node current node id within {@code entry}, or a synthetic node ({@link Conversation})
 * @param origin the entry the conversation started with, for "start over"
 * @param text what the user first pasted (shortened), for re-matching and the handoff summary
 * @param trail every step taken, in order: back pops the last one
 * @param explored choices whose branch was tried without success ({@code entry#node>option})
 * @param failed fixes the user said did not help ({@code entry#node})
 * @param conversation the conversation's id for the outcome record, null while nothing is recorded
 * @param channel where the conversation started ({@code widget}, {@code slack}, {@code api}), null when not recorded
 * @param turn how many turns were taken before this state: two replays of one state are one turn
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record State(
        @JsonProperty("e") String entry,
        @JsonProperty("n") String node,
        @JsonProperty("o") String origin,
        @JsonProperty("t") String text,
        @JsonProperty("s") List<Step> trail,
        @JsonProperty("x") List<String> explored,
        @JsonProperty("f") List<String> failed,
        @JsonProperty("i") String conversation,
        @JsonProperty("c") String channel,
        @JsonProperty("k") int turn) {

    public State {
        trail = trail == null ? List.of() : List.copyOf(trail);
        explored = explored == null ? List.of() : List.copyOf(explored);
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** A state outside any recorded conversation. */
    public State(String entry, String node, String origin, String text, List<Step> trail, List<String> explored,
                 List<String> failed) {
        this(entry, node, origin, text, trail, explored, failed, null, null, 0);
    }

    /** The same place, stamped with the conversation it belongs to and the number of turns taken. */
    public State recorded(String conversation, String channel, int turn) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    /** A fresh start at {@code entry}'s {@code node} with nothing tried, still in the same recorded conversation. */
    State restart(String entry, String node, String origin) {
        return new State(entry, node, origin, text, List.of(), List.of(), List.of(), conversation, channel, turn);
    }

    /**
     * One step: at node {@code node} of {@code entry} the option {@code choice} was taken.
     *
     * @param how {@code u} chosen by the user, {@code e} answered by evidence in the pasted text
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(@JsonProperty("e") String entry, @JsonProperty("n") String node,
                       @JsonProperty("c") String choice, @JsonProperty("h") String how) {}

    State at(String entry, String node) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    State withText(String text) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    State withOrigin(String origin) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    State withTrail(List<Step> trail) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    State withExplored(List<String> explored) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }

    State withFailed(List<String> failed) {
        return new State(entry, node, origin, text, trail, explored, failed, conversation, channel, turn);
    }
}
