package dev.gatewaydoctor.slack;

import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.StateCodec;
import java.util.List;
import java.util.Optional;

/**
 * What a button carries back to us: the choice and the signed state, {@code "<choice> <token>"}.
 * Slack allows {@value #MAX} characters per value, so a long conversation's state is trimmed to fit
 * (see {@link #fit}) rather than producing buttons Slack would refuse.
 */
final class ButtonValue {

    /** Slack's limit on a button's {@code value}. */
    static final int MAX = 2000;
    /** Pasted text kept when the full text does not fit: enough for the handoff summary to say what it was. */
    private static final int SHORT_TEXT = 200;

    private ButtonValue() {}

    /** A pressed button's parts. */
    record Pressed(String choice, String token) {}

    /** A state's token that fits every button of a message, and whether something had to be dropped. */
    record Fitted(Optional<String> token, boolean trimmed) {}

    static String of(String choice, String token) {
        return choice + " " + token;
    }

    /** Choices are ids without spaces and tokens are base64url, so the last space separates them. */
    static Optional<Pressed> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int space = value.lastIndexOf(' ');
        if (space <= 0 || space == value.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Pressed(value.substring(0, space), value.substring(space + 1)));
    }

    /**
     * The token for {@code state}, leaving room for a choice of {@code choiceLength} characters. When
     * the whole state does not fit, it degrades in steps, each losing less than the next: the pasted
     * text is shortened, then dropped, then the oldest steps of the trail (and of what was tried) are
     * forgotten, so "back" reaches less far but the conversation goes on. Empty only when not even
     * the current position fits.
     */
    static Fitted fit(StateCodec codec, State state, int choiceLength) {
        return fit(codec, state, choiceLength, MAX);
    }

    /** {@link #fit(StateCodec, State, int)} within {@code limit} characters per value. */
    static Fitted fit(StateCodec codec, State state, int choiceLength, int limit) {
        int room = limit - choiceLength - 1;
        String token = codec.encode(state);
        if (token.length() <= room) {
            return new Fitted(Optional.of(token), false);
        }
        String text = state.text();
        if (text != null && text.length() > SHORT_TEXT) {
            String shorter = text.substring(0, SHORT_TEXT - 1) + "\u2026";
            token = codec.encode(withText(state, shorter));
            if (token.length() <= room) {
                return new Fitted(Optional.of(token), true);
            }
        }
        State noText = withText(state, null);
        int keep = Math.max(state.trail().size(), Math.max(state.explored().size(), state.failed().size()));
        while (true) {
            State s = new State(noText.entry(), noText.node(), noText.origin(), null, last(state.trail(), keep),
                    last(state.explored(), keep), last(state.failed(), keep), state.conversation(), state.channel(), state.turn());
            token = codec.encode(s);
            if (token.length() <= room) {
                return new Fitted(Optional.of(token), true);
            }
            if (keep == 0) {
                return new Fitted(Optional.empty(), true);
            }
            keep = keep * 3 / 4;
        }
    }

    private static State withText(State s, String text) {
        return new State(s.entry(), s.node(), s.origin(), text, s.trail(), s.explored(), s.failed(),
                s.conversation(), s.channel(), s.turn());
    }

    private static <T> List<T> last(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(list.size() - n, list.size());
    }
}
