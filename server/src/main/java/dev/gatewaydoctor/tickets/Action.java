package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.annotation.JsonValue;

/** What to do with a triaged ticket, from the confidence of its best match. */
public enum Action {
    /** Confident enough to send the reply to the customer as it is. */
    AUTO_REPLY("auto_reply"),
    /** A likely match: the reply is offered to an agent to check and send. */
    SUGGEST("suggest"),
    /** Nothing fits well enough: a person takes the ticket. */
    ESCALATE("escalate");

    private final String key;

    Action(String key) {
        this.key = key;
    }

    /** The spelling in JSON and reports. */
    @JsonValue
    public String key() {
        return key;
    }

    /** The action for the best candidate's confidence. */
    public static Action of(double confidence, Thresholds thresholds) {
        if (confidence < thresholds.suggest()) {
            return ESCALATE;
        }
        return confidence >= thresholds.autoReply() ? AUTO_REPLY : SUGGEST;
    }

    /**
     * Confidence levels from which a ticket is answered automatically or a reply suggested.
     *
     * @param autoReply at or above: {@link #AUTO_REPLY}
     * @param suggest at or above (and below {@code autoReply}): {@link #SUGGEST}
     */
    public record Thresholds(double autoReply, double suggest) {

        public Thresholds {
            if (!(suggest >= 0 && suggest <= autoReply && autoReply <= 1)) {
                throw new IllegalArgumentException("ticket thresholds must satisfy 0 <= suggest <= auto_reply <= 1, got suggest "
                        + suggest + " and auto_reply " + autoReply);
            }
        }

        /**
         * {@code auto_reply} at 0.994: the lowest top score whose answers are at least 99 % right
         * on the bundled dev set's held-out split ({@code eval}, precision/coverage: 156 of its 611
         * inputs, 99.4 % right); a KB with its own dev set reads its own
         * figure off its own eval.
         */
        public static Thresholds defaults() {
            return new Thresholds(AUTO_REPLY_DEFAULT, 0.5);
        }

        /** See {@link #defaults()}. */
        public static final double AUTO_REPLY_DEFAULT = 0.994;
    }
}
