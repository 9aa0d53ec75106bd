package dev.gatewaydoctor.outcomes;

import java.time.Instant;
import java.util.List;

/**
 * One thing that happened, the same for every channel. Free texts are raw when an event is made and
 * redacted by the {@link Recorder} before anything is queued or written ({@link #redacted}). Every
 * event has its own id, derived from the conversation and turn where there is one, so that a turn
 * replayed (a double click, a retried request, two replicas) is stored once.
 */
public sealed interface Event {

    String id();

    Instant at();

    /** The same event with its free texts passed through {@code r}. */
    Event redacted(Redaction r);

    /** A candidate entry the matcher proposed, with its share of the confidence. */
    record Candidate(String entry, double score) {}

    /**
     * A conversation started.
     *
     * @param subject a pseudonymous id a channel passed, or null (nothing of a person is kept otherwise)
     * @param entry the entry it started in, null when nothing matched
     * @param candidates the matcher's candidates, best first, also when nothing matched
     * @param evidence labels of the KB evidence that fired ({@code entry: label})
     * @param skipped questions the evidence answered ({@code entry#node})
     * @param nodeEntry the entry of the first node shown (a skip may lead into another entry)
     * @param node the first node shown
     * @param nodeKind {@code question}, {@code fix} or {@code end}
     */
    record Started(String id, Instant at, String channel, String subject, String text, boolean matched,
                   double confidence, String entry, List<Candidate> candidates, List<String> evidence,
                   List<String> skipped, String nodeEntry, String node, String nodeKind) implements Event {
        public Started {
            candidates = List.copyOf(candidates);
            evidence = List.copyOf(evidence);
            skipped = List.copyOf(skipped);
        }

        @Override
        public Event redacted(Redaction r) {
            return new Started(id, at, channel, subject, r.redact(text), matched, confidence, entry, candidates, evidence,
                    skipped, nodeEntry, node, nodeKind);
        }
    }

    /**
     * A turn after the first.
     *
     * @param kind {@code choice}, {@code typed}, {@code back}, {@code start_over}, {@code switch}, {@code fixed}, {@code not_fixed}
     * @param choice the option id taken, when one was
     * @param answer what was typed, when it was typed
     */
    record Stepped(String id, Instant at, String conversation, int turn, String kind, String fromEntry, String fromNode,
                   String choice, String answer, String toEntry, String toNode, String toKind) implements Event {
        @Override
        public Event redacted(Redaction r) {
            return new Stepped(id, at, conversation, turn, kind, fromEntry, fromNode, choice, r.redact(answer), toEntry,
                    toNode, toKind);
        }
    }

    /**
     * An outcome: {@code fixed} or {@code not_fixed} at the leaf {@code entry#node}, or {@code handoff}
     * (with the reason). "Abandoned" is not an event: it is a conversation without a turn for the
     * configured time, found when the report is made.
     */
    record Ended(String id, Instant at, String conversation, String kind, String entry, String node, String reason)
            implements Event {
        public static final String FIXED = "fixed";
        public static final String NOT_FIXED = "not_fixed";
        public static final String HANDOFF = "handoff";

        @Override
        public Event redacted(Redaction r) {
            return new Ended(id, at, conversation, kind, entry, node, r.redact(reason));
        }
    }

    /** A ticket triaged: the action taken, the entries its reply is about, how sure the match was. */
    record Triaged(String id, Instant at, String text, boolean matched, double confidence, String action,
                   List<String> entries, List<Candidate> candidates) implements Event {
        public Triaged {
            entries = List.copyOf(entries);
            candidates = List.copyOf(candidates);
        }

        @Override
        public Event redacted(Redaction r) {
            return new Triaged(id, at, r.redact(text), matched, confidence, action, entries, candidates);
        }
    }
}
