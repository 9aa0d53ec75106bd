package dev.gatewaydoctor.handoff;

import java.util.List;

/**
 * What a conversation says about itself at a handoff, read from its signed state by the chat (App
 * wires it), so the visitor cannot send a summary of their own making through this server.
 *
 * @param entry the matched entry, null when none
 * @param pasted what the visitor first pasted (not yet redacted)
 * @param summary the chat's plain-text account for an agent (not yet redacted)
 */
public record Transcript(Handoff.Matched entry, List<Handoff.Step> path, String pasted, String summary) {

    public Transcript {
        path = List.copyOf(path);
    }

    /** Reads a conversation's state token. */
    @FunctionalInterface
    public interface Reader {
        /** @throws IllegalArgumentException with a message for the client when the state is not valid */
        Transcript read(String state);
    }
}
