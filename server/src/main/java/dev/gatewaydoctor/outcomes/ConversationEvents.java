package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.TurnObserver;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.tickets.Ticket;
import dev.gatewaydoctor.tickets.Triage;
import dev.gatewaydoctor.tickets.TriageObserver;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Turns what channels see (a reply and the state it came from, a triaged ticket) into {@link Event}s
 * for the {@link Recorder}. A first turn gets a random conversation id, which then travels in the
 * signed state with the turn number; each later event's id is made of both, so any replica can take
 * any turn and a replayed turn is stored once. Thread-safe.
 */
public final class ConversationEvents implements TurnObserver, TriageObserver {

    /** Ticket text kept: enough to see what was asked, bounded so the queue stays small in memory. */
    static final int TICKET_TEXT = 4000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Recorder recorder;

    public ConversationEvents(Recorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public Reply started(String channel, Reply reply) {
        if (!recorder.on()) {
            return reply;
        }
        String id = newId();
        State state = reply.state().recorded(id, channel, 0);
        recorder.record(startedEvent(id, channel, now(), reply));
        return reply.withState(state);
    }

    @Override
    public Reply continued(State before, String choice, String message, Reply reply) {
        if (!recorder.on() || before.conversation() == null) {
            return reply; // a state from before the record was on, or from a server that keeps nothing
        }
        State after = reply.state();
        if (after.conversation() == null) {
            // The engine started afresh (a new problem typed after the end): a new conversation.
            return started(before.channel() == null ? API : before.channel(), reply);
        }
        int turn = before.turn() + 1;
        String conv = before.conversation();
        String prefix = conv + ":" + turn;
        Instant at = now();
        recorder.record(new Event.Stepped(prefix, at, conv, turn, kind(choice, message), before.entry(), before.node(),
                choice, choice == null ? shorten(message, 600) : null, after.entry(), reply.node().id(), reply.node().kind()));
        if (Conversation.FIXED.equals(reply.node().id()) && !Conversation.FIXED.equals(before.node()) && before.entry() != null) {
            recorder.record(new Event.Ended(prefix + ":fixed", at, conv, Event.Ended.FIXED, before.entry(), before.node(), null));
        }
        if (after.failed().size() > before.failed().size()) {
            String leaf = after.failed().get(after.failed().size() - 1);
            int hash = leaf.indexOf('#');
            recorder.record(new Event.Ended(prefix + ":not_fixed", at, conv, Event.Ended.NOT_FIXED,
                    leaf.substring(0, hash), leaf.substring(hash + 1), null));
        }
        if (reply.handoff().isPresent() && !"handoff".equals(before.node())) {
            String reason = after.failed().isEmpty() ? "nothing left to try" : "tried " + after.failed().size() + " fixes without success";
            String leaf = after.failed().isEmpty() ? null : after.failed().get(after.failed().size() - 1);
            recorder.record(new Event.Ended(prefix + ":handoff", at, conv, Event.Ended.HANDOFF, after.entry(),
                    leaf == null ? before.node() : leaf.substring(leaf.indexOf('#') + 1), reason));
        }
        return reply.withState(after.recorded(conv, before.channel(), turn));
    }

    /**
     * A handoff a channel decided itself (a person asked for, an agent took over), with its reason.
     * For conversations the engine handed off, {@link #continued} records it already.
     */
    public void handoff(State state, String reason) {
        if (!recorder.on() || state.conversation() == null) {
            return;
        }
        recorder.record(new Event.Ended(state.conversation() + ":" + state.turn() + ":handoff", now(), state.conversation(),
                Event.Ended.HANDOFF, state.entry(), state.node(), reason));
    }

    @Override
    public void triaged(Ticket ticket, Triage.Result result) {
        if (!recorder.on()) {
            return;
        }
        recorder.record(new Event.Triaged(UUID.randomUUID().toString(), now(), shorten(result.text(), TICKET_TEXT),
                result.matched(), result.confidence(), result.action().name().toLowerCase(java.util.Locale.ROOT),
                result.entries(), candidates(result.results())));
    }

    private static String kind(String choice, String message) {
        if (choice == null) {
            return "typed";
        }
        if (choice.equals(Conversation.BACK)) {
            return "back";
        }
        if (choice.equals(Conversation.START_OVER)) {
            return "start_over";
        }
        if (choice.startsWith(Conversation.ENTRY_PREFIX)) {
            return "switch";
        }
        if (choice.equals(Conversation.FIXED)) {
            return "fixed";
        }
        if (choice.equals(Conversation.NOT_FIXED)) {
            return "not_fixed";
        }
        return "choice";
    }

    private static Event.Started startedEvent(String id, String channel, Instant at, Reply r) {
        List<Event.Candidate> candidates = new ArrayList<>();
        r.entry().ifPresent(e -> candidates.add(new Event.Candidate(e.id(), r.confidence())));
        for (Match.Candidate c : r.alternatives()) {
            candidates.add(new Event.Candidate(c.id(), c.score()));
        }
        List<String> evidence = r.evidence().stream().map(f -> f.entry() + ": " + f.label()).distinct().toList();
        List<String> skipped = r.skipped().stream().map(s -> s.entry() + "#" + s.node()).toList();
        String origin = r.matched() ? r.state().origin() : null;
        return new Event.Started(id, at, channel, null, r.state().text() == null ? "" : r.state().text(), r.matched(),
                r.confidence(), origin, candidates, evidence, skipped, r.state().entry(), r.node().id(), r.node().kind());
    }

    private static List<Event.Candidate> candidates(List<Match.Candidate> results) {
        return results.stream().limit(4).map(c -> new Event.Candidate(c.id(), c.score())).toList();
    }

    private Instant now() {
        return recorder.clock().instant();
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String shorten(String text, int max) {
        if (text == null) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
