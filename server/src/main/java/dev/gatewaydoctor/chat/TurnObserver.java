package dev.gatewaydoctor.chat;

/**
 * Sees every turn a channel takes, after the engine answered and before the reply goes out: the
 * outcome record listens here. It may stamp the reply's state (with the conversation's id and turn
 * number) and must never fail or slow the turn. {@link #NONE} lets every reply through unchanged.
 */
public interface TurnObserver {

    /** Channels as recorded. */
    String WIDGET = "widget";
    String SLACK = "slack";
    String API = "api";

    /** Observes nothing. */
    TurnObserver NONE = new TurnObserver() {
        @Override
        public Reply started(String channel, Reply reply) {
            return reply;
        }

        @Override
        public Reply continued(State before, String choice, String message, Reply reply) {
            return reply;
        }
    };

    /**
     * The first turn of a conversation on {@code channel}.
     *
     * @return the reply to send, its state possibly stamped
     */
    Reply started(String channel, Reply reply);

    /**
     * A later turn, taken from {@code before} with either a {@code choice} or a typed {@code message}
     * (the other is null).
     *
     * @return the reply to send, its state possibly stamped
     */
    Reply continued(State before, String choice, String message, Reply reply);
}
