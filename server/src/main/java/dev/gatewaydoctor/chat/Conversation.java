package dev.gatewaydoctor.chat;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import dev.gatewaydoctor.kb.Target;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.match.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The conversation engine: pure, stateless between turns (the {@link State} travels with the
 * client), knows no channel. Every rule about which node comes next lives here.
 *
 * <p>Choices a client may send besides an option id: {@value #BACK}, {@value #START_OVER},
 * {@value #FIXED} and {@value #NOT_FIXED} at a fix, and {@code entry:<id>} to follow an entry.
 */
public final class Conversation {

    public static final String BACK = "back";
    public static final String START_OVER = "start-over";
    public static final String FIXED = "fixed";
    public static final String NOT_FIXED = "not-fixed";
    public static final String ENTRY_PREFIX = "entry:";

    static final String CHOOSE = "choose-entry";
    static final String OTHERS = "other-entries";
    static final String CLOSED = "fixed";
    static final String HANDOFF = "handoff";

    /** Pasted text kept in the state: enough for a summary, small enough for a Slack button. */
    static final int KEPT_TEXT = 600;
    /** Evidence may answer at most this many questions in a row: a guard against KB loops across entries. */
    private static final int MAX_SKIPS = 24;
    private static final int ALTERNATIVES = 3;
    /** After this many fixes that did not help, a person is better placed than more guides. */
    static final int MAX_FAILED_FIXES = 4;

    private final Supplier<Matcher> matcher;

    public Conversation(Supplier<Matcher> matcher) {
        this.matcher = matcher;
    }

    /** A choice or message that does not fit the conversation's state. */
    public static final class TurnException extends Exception {
        public TurnException(String message) {
            super(message, null, false, false);
        }
    }

    // ---- first turn --------------------------------------------------------------------------

    /** The first turn: match the text; when it fits, start the entry's flow, skipping what it answers. */
    public Reply start(String message) {
        Matcher m = matcher.get();
        Match match = m.match(message, ALTERNATIVES + 1);
        String kept = shorten(match.text());
        if (!match.matched()) {
            State state = new State(null, CHOOSE, null, kept, List.of(), List.of(), List.of());
            return choose(m.kb(), state, match, "I could not tell for sure which problem this is.");
        }
        Entry entry = m.kb().expectEntry(match.results().get(0).id());
        State state = new State(entry.id(), entry.flow().root(), entry.id(), kept, List.of(), List.of(), List.of());
        return enter(m.kb(), state, match.text(), match.confidence(), match, "");
    }

    /** Moves to {@code state}'s node, letting evidence in {@code text} answer questions on the way. */
    private Reply enter(Kb kb, State state, String text, double confidence, Match match, String said) {
        List<Reply.Skipped> skipped = new ArrayList<>();
        List<State.Step> trail = new ArrayList<>(state.trail());
        String entryId = state.entry();
        String nodeId = state.node();
        for (int i = 0; i < MAX_SKIPS && text != null; i++) {
            Entry entry = kb.expectEntry(entryId);
            Node node = entry.flow().node(nodeId).orElseThrow();
            Optional<Answer> answer = answeredByEvidence(node, text);
            if (answer.isEmpty()) {
                break;
            }
            Option o = answer.get().option();
            if (!untried(node, entryId, state).contains(o)) {
                break; // the text points down a branch already tried: ask instead
            }
            skipped.add(new Reply.Skipped(entryId, nodeId, node.title(), o.label(), answer.get().because()));
            trail.add(new State.Step(entryId, nodeId, o.id(), "e"));
            String[] next = follow(kb, entryId, o);
            entryId = next[0];
            nodeId = next[1];
        }
        State now = state.withTrail(trail).at(entryId, nodeId);
        String say = said;
        if (!skipped.isEmpty()) {
            say = join(say, skippedSentence(skipped));
        }
        return show(kb, now, confidence, say, skipped, match == null ? List.of() : alternatives(match, entryId),
                match == null ? List.of() : match.evidence());
    }

    private record Answer(Option option, String because) {}

    private static Optional<Answer> answeredByEvidence(Node node, String text) {
        for (Option o : node.options()) {
            for (Evidence ev : o.evidence()) {
                if (ev.find(text).isPresent()) {
                    return Optional.of(new Answer(o, ev.label()));
                }
            }
        }
        return Optional.empty();
    }

    private static String skippedSentence(List<Reply.Skipped> skipped) {
        StringBuilder sb = new StringBuilder();
        for (Reply.Skipped s : skipped) {
            String because = s.because().endsWith(".") ? s.because().substring(0, s.because().length() - 1) : s.because();
            sb.append(because).append(", so the answer to \u201C").append(s.question()).append("\u201D is \u201C")
                    .append(s.answer()).append("\u201D. ");
        }
        return sb.toString().strip();
    }

    // ---- later turns -------------------------------------------------------------------------

    /** A button or option picked. */
    public Reply choose(State state, String choice) throws TurnException {
        Kb kb = matcher.get().kb();
        Optional<Reply> stale = stale(kb, state);
        if (stale.isPresent()) {
            return stale.get();
        }
        if (choice == null || choice.isBlank()) {
            throw new TurnException("'choice' is empty");
        }
        switch (choice) {
            case BACK:
                return back(kb, state);
            case START_OVER:
                return startOver(kb, state);
            default:
                break;
        }
        if (choice.startsWith(ENTRY_PREFIX)) {
            String id = choice.substring(ENTRY_PREFIX.length());
            Entry entry = kb.entry(id).orElseThrow(() -> new TurnException("unknown entry '" + id + "'"));
            List<State.Step> trail = new ArrayList<>(state.trail());
            trail.add(new State.Step(state.entry(), state.node(), choice, "u"));
            State next = state.withTrail(trail).at(entry.id(), entry.flow().root());
            if (next.origin() == null) {
                next = next.withOrigin(entry.id());
            }
            return enter(kb, next, state.text(), 1.0, null, "");
        }
        if (state.entry() == null) {
            throw new TurnException("unknown option '" + choice + "': pick one of the entries offered");
        }
        Node node = currentNode(kb, state);
        if (node instanceof Node.Question q) {
            Option o = q.options().stream().filter(x -> x.id().equals(choice)).findFirst()
                    .orElseThrow(() -> new TurnException("unknown option '" + choice + "' for node '" + q.id() + "'"));
            return take(kb, state, o, "u");
        }
        if (node instanceof Node.Fix && choice.equals(FIXED)) {
            return closed(kb, state);
        }
        if (choice.equals(NOT_FIXED)) {
            return nextBranch(kb, state);
        }
        throw new TurnException("unknown option '" + choice + "' for node '" + node.id() + "'");
    }

    /**
     * Where {@code state} is, shown again without taking a turn: for channels that re-post a step
     * (Slack's "share") or restore a conversation. A state from an older KB restarts as in any turn.
     */
    public Reply current(State state) {
        Kb kb = matcher.get().kb();
        Optional<Reply> stale = stale(kb, state);
        if (stale.isPresent()) {
            return stale.get();
        }
        if (state.entry() == null) {
            return choose(kb, state, matcher.get().match(state.text() == null || state.text().isBlank() ? "?" : state.text(),
                    ALTERNATIVES + 1), "");
        }
        switch (state.node()) {
            case CLOSED:
                return closedReply(kb, state);
            case HANDOFF:
                return handoff(kb, state);
            case OTHERS:
                return othersReply(kb, state, related(kb, state.trail(), state.entry()), "");
            default:
                return show(kb, state, 1.0, "", List.of(), List.of(), List.of());
        }
    }

    /** A message typed inside a flow: an answer to the current question, or something new. */
    public Reply say(State state, String message) throws TurnException {
        Kb kb = matcher.get().kb();
        Optional<Reply> stale = stale(kb, state);
        if (stale.isPresent()) {
            return stale.get();
        }
        if (state.entry() == null) {
            // Still looking for the entry: the new message may say more.
            Match again = matcher.get().match(message, ALTERNATIVES + 1);
            if (!again.matched() && state.text() != null) {
                again = matcher.get().match(state.text() + "\n" + message, ALTERNATIVES + 1);
            }
            if (!again.matched()) {
                return choose(kb, state, again, "I still cannot tell which problem this is.");
            }
            Entry entry = kb.expectEntry(again.results().get(0).id());
            State next = state.restart(entry.id(), entry.flow().root(), entry.id())
                    .withText(shorten(join(state.text(), message)));
            return enter(kb, next, again.text(), again.confidence(), again, "");
        }
        if (Set.of(OTHERS, CLOSED, HANDOFF).contains(state.node())) {
            // Past the tree: a new message is a new problem.
            return start(message);
        }
        Node node = currentNode(kb, state);
        if (node instanceof Node.Question q) {
            Optional<Answer> byEvidence = answeredByEvidence(q, message);
            if (byEvidence.isPresent()) {
                Reply r = take(kb, state, byEvidence.get().option(), "e");
                return withSay(r, join(byEvidence.get().because(), r.say()));
            }
            Optional<Option> byWords = answeredByWords(q.options(), message);
            if (byWords.isPresent()) {
                return take(kb, state, byWords.get(), "u");
            }
        } else if (node instanceof Node.Fix) {
            Optional<Boolean> yes = yesNo(message);
            if (yes.isPresent()) {
                return yes.get() ? closed(kb, state) : nextBranch(kb, state);
            }
        }
        // Not an answer: perhaps a different problem.
        Match again = matcher.get().match(message, ALTERNATIVES + 1);
        Reply here = show(kb, state, 1.0, "", List.of(), List.of(), again.evidence());
        if (again.matched() && !again.results().get(0).id().equals(state.entry())) {
            Match.Candidate c = again.results().get(0);
            return withAlternatives(here, "That looks like a different problem: **" + c.title()
                    + "**. Pick it below to switch, or answer the question above.", List.of(c));
        }
        return withSay(here, "I did not catch that. Please pick one of the options below.");
    }

    private Reply take(Kb kb, State state, Option o, String how) {
        List<State.Step> trail = new ArrayList<>(state.trail());
        trail.add(new State.Step(state.entry(), state.node(), o.id(), how));
        String[] next = follow(kb, state.entry(), o);
        return enter(kb, state.withTrail(trail).at(next[0], next[1]), state.text(), 1.0, null, "");
    }

    /** Where an option leads: {entry, node}. */
    private static String[] follow(Kb kb, String entryId, Option o) {
        if (o.target() instanceof Target.Jump j) {
            Entry other = kb.expectEntry(j.entry());
            return new String[] {other.id(), j.node().orElse(other.flow().root())};
        }
        return new String[] {entryId, ((Target.Step) o.target()).node()};
    }

    private Reply back(Kb kb, State state) {
        if (state.trail().isEmpty()) {
            return withSay(show(kb, state, 1.0, "", List.of(), List.of(), List.of()), "This is the first step already.");
        }
        State.Step last = state.trail().get(state.trail().size() - 1);
        List<State.Step> trail = state.trail().subList(0, state.trail().size() - 1);
        List<String> explored = new ArrayList<>(state.explored());
        explored.remove(key(last));
        State prev = state.withTrail(trail).withExplored(explored).at(last.entry(), last.node());
        if (last.entry() == null) {
            return choose(kb, prev, matcher.get().match(state.text() == null ? "" : state.text(), ALTERNATIVES + 1), "");
        }
        // A step recorded before a KB reload (or trimmed from a long trail) may name a node that no longer exists.
        if (kb.entry(last.entry()).flatMap(e -> e.flow().node(last.node())).isEmpty()) {
            return withSay(startOver(kb, state), "That step is no longer in the guide, so this starts over.");
        }
        return show(kb, prev, 1.0, "", List.of(), List.of(), List.of());
    }

    private Reply startOver(Kb kb, State state) {
        if (state.origin() == null || kb.entry(state.origin()).isEmpty()) {
            State fresh = state.restart(null, CHOOSE, null);
            return choose(kb, fresh, matcher.get().match(state.text() == null ? "" : state.text(), ALTERNATIVES + 1),
                    "Starting over.");
        }
        Entry origin = kb.expectEntry(state.origin());
        State fresh = state.restart(origin.id(), origin.flow().root(), origin.id());
        return show(kb, fresh, 1.0, "Starting over.", List.of(), List.of(), List.of());
    }

    private Reply closed(Kb kb, State state) {
        List<State.Step> trail = new ArrayList<>(state.trail());
        trail.add(new State.Step(state.entry(), state.node(), FIXED, "u"));
        return closedReply(kb, state.withTrail(trail).at(state.entry(), CLOSED));
    }

    private static Reply closedReply(Kb kb, State done) {
        Reply.Shown shown = new Reply.Shown(CLOSED, "end", "Glad it works again",
                "Good to hear that fixed it. If the error comes back, paste it here again and we will pick up from there.",
                "", List.of());
        return new Reply(done, true, entryRef(kb, done.entry()), 1.0, shown, "", List.of(), List.of(), List.of(),
                Optional.empty(), true);
    }

    /**
     * A fix did not help: go back to the nearest question with a branch not yet tried; when none is
     * left, offer related entries not yet visited; when none is left either, hand off to a person.
     */
    private Reply nextBranch(Kb kb, State state) {
        List<String> failed = new ArrayList<>(state.failed());
        List<String> explored = new ArrayList<>(state.explored());
        List<State.Step> trail = new ArrayList<>(state.trail());
        if (state.entry() != null && !state.node().equals(OTHERS)) {
            failed.add(state.entry() + "#" + state.node());
            trail.add(new State.Step(state.entry(), state.node(), NOT_FIXED, "u"));
        }
        // Every choice on the way here led to something that did not help.
        for (State.Step s : state.trail()) {
            if (s.entry() != null && !explored.contains(key(s)) && !s.choice().startsWith(ENTRY_PREFIX)) {
                explored.add(key(s));
            }
        }
        State tried = state.withTrail(trail).withExplored(explored).withFailed(failed);
        for (int i = state.trail().size() - 1; i >= 0; i--) {
            State.Step s = state.trail().get(i);
            if (s.entry() == null || kb.entry(s.entry()).isEmpty()) {
                continue;
            }
            Optional<Node> n = kb.expectEntry(s.entry()).flow().node(s.node());
            if (tried.failed().size() >= MAX_FAILED_FIXES) {
                break;
            }
            if (n.isPresent() && !untried(n.get(), s.entry(), tried).isEmpty()) {
                State back = tried.at(s.entry(), s.node());
                return show(kb, back, 1.0, "That did not fix it, so let\u2019s look at the other possibilities here.",
                        List.of(), List.of(), List.of());
            }
        }
        List<Reply.Choice> related = related(kb, trail, state.entry());
        if (!related.isEmpty() && !OTHERS.equals(state.node()) && tried.failed().size() < MAX_FAILED_FIXES) {
            return othersReply(kb, tried.at(state.entry(), OTHERS), related, "That did not fix it.");
        }
        return handoff(kb, tried);
    }

    /** Entries related to any entry visited on {@code trail} (or {@code entry}) and not visited yet. */
    private static List<Reply.Choice> related(Kb kb, List<State.Step> trail, String entry) {
        Set<String> visited = new LinkedHashSet<>();
        for (State.Step s : trail) {
            if (s.entry() != null) {
                visited.add(s.entry());
            }
        }
        if (entry != null) {
            visited.add(entry);
        }
        List<Reply.Choice> related = new ArrayList<>();
        for (String id : visited) {
            kb.entry(id).ifPresent(e -> e.related().stream()
                    .filter(r -> !visited.contains(r))
                    .map(kb::entry).flatMap(Optional::stream)
                    .filter(r -> related.stream().noneMatch(c -> c.id().equals(ENTRY_PREFIX + r.id())))
                    .forEach(r -> related.add(new Reply.Choice(ENTRY_PREFIX + r.id(), r.title()))));
        }
        return related;
    }

    private static Reply othersReply(Kb kb, State others, List<Reply.Choice> related, String say) {
        Reply.Shown shown = new Reply.Shown(OTHERS, "question", "Other things to check",
                "Nothing on this path fixed it. These related problems cause the same symptoms:", "Which one should we check?",
                related);
        return new Reply(others, true, entryRef(kb, others.entry()), 1.0, shown, say, List.of(), List.of(), List.of(),
                Optional.empty(), true);
    }

    /** Options not yet tried from this node: not explored, and not leading straight to a fix that failed. */
    private static List<Option> untried(Node node, String entry, State state) {
        return node.options().stream()
                .filter(o -> !state.explored().contains(entry + "#" + node.id() + ">" + o.id()))
                .filter(o -> !(o.target() instanceof Target.Step s && state.failed().contains(entry + "#" + s.node())))
                .toList();
    }

    private static String key(State.Step s) {
        return s.entry() + "#" + s.node() + ">" + s.choice();
    }

    private Reply handoff(Kb kb, State state) {
        String summary = summary(kb, state);
        State end = state.at(state.entry(), HANDOFF);
        Reply.Shown shown = new Reply.Shown(HANDOFF, "end", "Let\u2019s get a person on this",
                "We have tried everything this guide knows for this problem. Send the summary below to your "
                        + "hosting provider or support team: it tells them what you saw and everything already tried.",
                "", List.of());
        return new Reply(end, state.entry() != null, entryRef(kb, state.entry()), 1.0, shown, "", List.of(), List.of(),
                List.of(), Optional.of(summary), true);
    }

    /** The handoff summary of a conversation where it now stands, against the current KB. */
    public String summary(State state) {
        return summary(matcher.get().kb(), state);
    }

    /** A plain-text account for a human agent: what was pasted, what was matched, every answer and fix. */
    static String summary(Kb kb, State state) {
        StringBuilder sb = new StringBuilder("Gateway Doctor summary\n\n");
        sb.append("What the user pasted:\n").append(indent(state.text() == null ? "(nothing)" : state.text())).append("\n\n");
        String origin = state.origin() == null ? "none" : kb.entry(state.origin()).map(e -> e.title() + " (" + e.id() + ")")
                .orElse(state.origin());
        sb.append("Matched problem: ").append(origin).append("\n\n");
        sb.append("Questions and answers:\n");
        int n = 0;
        for (State.Step s : state.trail()) {
            Optional<Entry> e = s.entry() == null ? Optional.empty() : kb.entry(s.entry());
            Optional<Node> node = e.flatMap(x -> x.flow().node(s.node()));
            String question = node.map(Node::title).orElse(s.node());
            String answer;
            if (s.choice().equals(FIXED)) {
                answer = "fixed";
            } else if (s.choice().equals(NOT_FIXED)) {
                answer = "tried this fix; it did not help";
            } else if (s.choice().startsWith(ENTRY_PREFIX)) {
                String id = s.choice().substring(ENTRY_PREFIX.length());
                answer = "switched to: " + kb.entry(id).map(Entry::title).orElse(id);
            } else {
                answer = node.flatMap(x -> x.options().stream().filter(o -> o.id().equals(s.choice())).findFirst())
                        .map(Option::label).orElse(s.choice());
            }
            sb.append("  ").append(++n).append(". ").append(question).append(" -> ").append(answer)
                    .append(s.how() != null && s.how().equals("e") ? " (from the pasted text)" : "").append('\n');
        }
        if (n == 0) {
            sb.append("  (none)\n");
        }
        sb.append("\nFixes tried without success:\n");
        if (state.failed().isEmpty()) {
            sb.append("  (none)\n");
        }
        for (String f : state.failed()) {
            String[] p = f.split("#", 2);
            String title = kb.entry(p[0]).flatMap(e -> e.flow().node(p[1])).map(Node::title).orElse(f);
            sb.append("  - ").append(title).append(" [").append(f).append("]\n");
        }
        return sb.toString();
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }

    // ---- rendering ---------------------------------------------------------------------------

    /** The reply for a state whose node is a real node of its entry. */
    private Reply show(Kb kb, State state, double confidence, String say, List<Reply.Skipped> skipped,
                       List<Match.Candidate> alternatives, List<Match.Found> evidence) {
        Entry entry = kb.expectEntry(state.entry());
        Node node = entry.flow().node(state.node()).orElseThrow();
        List<Reply.Choice> choices = new ArrayList<>();
        String prompt = "";
        if (node instanceof Node.Question q) {
            List<Option> open = untried(q, entry.id(), state);
            for (Option o : open.isEmpty() ? q.options() : open) {
                choices.add(new Reply.Choice(o.id(), o.label()));
            }
        } else if (node instanceof Node.Fix) {
            prompt = "Did this fix it?";
            choices.add(new Reply.Choice(FIXED, "Yes, it works now"));
            choices.add(new Reply.Choice(NOT_FIXED, "No, still broken"));
        } else {
            choices.add(new Reply.Choice(NOT_FIXED, "What else can I check?"));
        }
        Reply.Shown shown = new Reply.Shown(node.id(), node.kind(), node.title(), node.text(), prompt, choices);
        return new Reply(state, true, entryRef(kb, entry.id()), confidence, shown, say, skipped, alternatives, evidence,
                Optional.empty(), !state.trail().isEmpty());
    }

    /** No entry chosen: offer the candidates and ask for the exact message or a screenshot. */
    private Reply choose(Kb kb, State state, Match match, String said) {
        List<Reply.Choice> options = match.results().stream()
                .limit(ALTERNATIVES + 1)
                .map(c -> new Reply.Choice(ENTRY_PREFIX + c.id(), c.title()))
                .toList();
        if (options.isEmpty()) {
            options = entryPoints(kb).stream().limit(ALTERNATIVES + 1)
                    .map(e -> new Reply.Choice(ENTRY_PREFIX + e.id(), e.title())).toList();
        }
        String text = options.isEmpty()
                ? "Please paste the exact error message as it appears on the page, a line from your server's error log, or a screenshot of the error."
                : "Did you mean one of these? If not, paste the exact error message as it appears on the page, a line from your server's error log, or a screenshot of the error.";
        Reply.Shown shown = new Reply.Shown(CHOOSE, "question", "Which problem is it?", text, "", options);
        return new Reply(state.at(null, CHOOSE), false, Optional.empty(), match.confidence(), shown, said, List.of(),
                match.results(), match.evidence(), Optional.empty(), !state.trail().isEmpty());
    }

    /**
     * Where to begin when the text says nothing: entries no other entry leads to (the KB's own
     * starting points), those leading to the most other entries first.
     */
    static List<Entry> entryPoints(Kb kb) {
        Set<String> targets = new java.util.HashSet<>();
        java.util.Map<String, Integer> reach = new java.util.HashMap<>();
        for (Entry e : kb.list()) {
            Set<String> out = new java.util.HashSet<>();
            for (Node n : e.flow().nodes().values()) {
                for (Option o : n.options()) {
                    if (o.target() instanceof Target.Jump j && !j.entry().equals(e.id())) {
                        out.add(j.entry());
                    }
                }
            }
            targets.addAll(out);
            reach.put(e.id(), out.size());
        }
        return kb.list().stream().filter(e -> !targets.contains(e.id()))
                .sorted(java.util.Comparator.comparing((Entry e) -> -reach.get(e.id())).thenComparing(Entry::id))
                .toList();
    }

    /** A state from an older KB whose entry or node is gone: restart gracefully instead of failing. */
    private Optional<Reply> stale(Kb kb, State state) {
        if (state.entry() == null) {
            return Optional.empty();
        }
        Optional<Entry> entry = kb.entry(state.entry());
        boolean synthetic = Set.of(OTHERS, CLOSED, HANDOFF).contains(state.node());
        if (entry.isPresent() && (synthetic || entry.get().flow().node(state.node()).isPresent())) {
            return Optional.empty();
        }
        String note = "The guide has been updated since this conversation started, so we are starting again from the top.";
        if (state.origin() != null && kb.entry(state.origin()).isPresent()) {
            Entry origin = kb.expectEntry(state.origin());
            State fresh = state.restart(origin.id(), origin.flow().root(), origin.id());
            return Optional.of(show(kb, fresh, 1.0, note, List.of(), List.of(), List.of()));
        }
        State fresh = state.restart(null, CHOOSE, null);
        return Optional.of(choose(kb, fresh, matcher.get().match(state.text() == null || state.text().isBlank() ? "?" : state.text(),
                ALTERNATIVES + 1), note));
    }

    private static Node currentNode(Kb kb, State state) throws TurnException {
        if (Set.of(OTHERS, CLOSED, HANDOFF).contains(state.node())) {
            return new Node.End(state.node(), "", "-", 0);
        }
        return kb.expectEntry(state.entry()).flow().node(state.node())
                .orElseThrow(() -> new TurnException("the conversation is at an unknown node"));
    }

    private static List<Match.Candidate> alternatives(Match match, String chosen) {
        return match.results().stream().filter(c -> !c.id().equals(chosen)).limit(ALTERNATIVES).toList();
    }

    private static Optional<Reply.EntryRef> entryRef(Kb kb, String id) {
        return id == null ? Optional.empty() : kb.entry(id).map(e -> new Reply.EntryRef(e.id(), e.title()));
    }

    private static Reply withSay(Reply r, String say) {
        return new Reply(r.state(), r.matched(), r.entry(), r.confidence(), r.node(), say, r.skipped(), r.alternatives(),
                r.evidence(), r.handoff(), r.canGoBack());
    }

    private static Reply withAlternatives(Reply r, String say, List<Match.Candidate> alternatives) {
        Reply.Shown n = r.node();
        List<Reply.Choice> options = new ArrayList<>(n.options());
        alternatives.forEach(a -> options.add(new Reply.Choice(ENTRY_PREFIX + a.id(), "Switch to: " + a.title())));
        return new Reply(r.state(), r.matched(), r.entry(), r.confidence(),
                new Reply.Shown(n.id(), n.kind(), n.title(), n.text(), n.prompt(), options), say, r.skipped(), alternatives,
                r.evidence(), r.handoff(), r.canGoBack());
    }

    // ---- understanding typed answers ---------------------------------------------------------

    private static final Set<String> YES = Set.of("yes", "y", "yeah", "yep", "yup", "sure", "correct", "right", "it is", "it does", "fixed", "works");
    private static final Set<String> NO = Set.of("no", "n", "nope", "nah", "not", "it isnt", "it doesnt", "still broken", "didnt", "not fixed");

    static Optional<Boolean> yesNo(String message) {
        String m = normalize(message);
        for (String y : YES) {
            if (m.equals(y) || m.startsWith(y + " ")) {
                return Optional.of(true);
            }
        }
        for (String n : NO) {
            if (m.equals(n) || m.startsWith(n + " ")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    /** An option named by the message: its label, its first word, or yes/no for a yes/no option. */
    static Optional<Option> answeredByWords(List<Option> options, String message) {
        String m = normalize(message);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        for (Option o : options) {
            if (normalize(o.label()).equals(m)) {
                return Optional.of(o);
            }
        }
        Optional<Boolean> yes = yesNo(message);
        if (yes.isPresent()) {
            String word = yes.get() ? "yes" : "no";
            List<Option> hits = options.stream().filter(o -> normalize(o.label()).startsWith(word)).toList();
            if (hits.size() == 1) {
                return Optional.of(hits.get(0));
            }
        }
        if (m.length() >= 4) {
            List<Option> hits = options.stream().filter(o -> normalize(o.label()).contains(m)).toList();
            if (hits.size() == 1) {
                return Optional.of(hits.get(0));
            }
        }
        return Optional.empty();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\u2019']", "").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.length() <= KEPT_TEXT ? t : t.substring(0, KEPT_TEXT - 1) + "\u2026";
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null ? "" : b;
        }
        return b == null || b.isBlank() ? a : a + " " + b;
    }
}
