package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.kb.Kb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where the KB fails, ranked by how many people it affected:
 * <ul>
 *   <li>{@code unmatched}: inputs nothing matched (conversations and tickets), grouped when the
 *       matcher's own signals agree (the same best candidate, however weak) and their words overlap;</li>
 *   <li>{@code switched}: matches below {@link #LOW_CONFIDENCE} (or none) after which the person
 *       picked another entry: a wording to add to that entry;</li>
 *   <li>{@code failing_leaf}: fixes people said did not help, worst "not fixed" count first.</li>
 * </ul>
 * People are counted by the pseudonymous id a channel passed, else one per conversation or ticket.
 */
public final class Gaps {

    /** Below this a match was a guess worth reviewing when the person then switched away. */
    public static final double LOW_CONFIDENCE = 0.8;
    /** Two unmatched inputs are one gap when this share of their words is shared. */
    static final double SIMILAR = 0.34;
    static final int EXAMPLES = 5;

    private Gaps() {}

    /** One input behind a gap, as stored (redacted). */
    public record Input(String source, String channel, Instant at, String text, String hash) {}

    /**
     * @param id stable while the gap's first input stays
     * @param kind {@code unmatched}, {@code switched} or {@code failing_leaf}
     * @param entry the entry the fix belongs in (switched, failing_leaf), or the matcher's weak guess (unmatched)
     * @param node the leaf, for failing_leaf
     * @param inputs every input behind it, newest first (the export reads all of them, the views the first few)
     */
    public record Gap(String id, String kind, String title, int people, String entry, String fromEntry, String node,
                      Double notFixedRate, List<Input> inputs) {

        public List<Input> examples() {
            return inputs.subList(0, Math.min(EXAMPLES, inputs.size()));
        }
    }

    public static List<Gap> find(OutcomeStore.Rows rows, Kb kb) {
        List<Gap> gaps = new ArrayList<>();
        Map<String, String> firstSwitch = new HashMap<>();
        for (OutcomeStore.StepRow s : rows.steps()) {
            if (s.kind().equals("switch") && s.toEntry() != null) {
                firstSwitch.putIfAbsent(s.conversation(), s.toEntry());
            }
        }
        // switched: weak match (or none), then another entry chosen.
        Map<String, List<OutcomeStore.ConversationRow>> switched = new LinkedHashMap<>();
        List<Member> unmatched = new ArrayList<>();
        for (OutcomeStore.ConversationRow c : rows.conversations()) {
            String to = firstSwitch.get(c.id());
            if (to != null && c.confidence() < LOW_CONFIDENCE && !to.equals(c.entry())) {
                switched.computeIfAbsent(c.entry() + ">" + to, k -> new ArrayList<>()).add(c);
            } else if (!c.matched()) {
                unmatched.add(new Member(person(c), new Input("conversation " + c.id(), c.channel(), c.startedAt(), c.text(),
                        c.hash()), best(c.candidates()), words(c.text())));
            }
        }
        for (OutcomeStore.TicketRow t : rows.tickets()) {
            if (!t.matched()) {
                unmatched.add(new Member("ticket:" + t.id(), new Input("ticket " + t.id(), "ticket", t.at(), t.text(), t.hash()),
                        best(t.candidates()), words(t.text())));
            }
        }
        switched.forEach((key, convs) -> {
            String from = convs.get(0).entry();
            String to = firstSwitch.get(convs.get(0).id());
            Set<String> people = new HashSet<>();
            List<Input> inputs = new ArrayList<>();
            for (OutcomeStore.ConversationRow c : convs) {
                people.add(person(c));
                inputs.add(new Input("conversation " + c.id(), c.channel(), c.startedAt(), c.text(), c.hash()));
            }
            gaps.add(new Gap("switched-" + Redaction.fingerprint(key).substring(0, 10), "switched",
                    (from == null ? "Nothing matched" : "A weak match to " + titleOf(kb, from)) + ", then the person chose "
                            + titleOf(kb, to) + ": add these wordings to " + to, people.size(), to, from, null, null,
                    newestFirst(inputs)));
        });
        for (List<Member> group : group(unmatched)) {
            Set<String> people = new HashSet<>();
            List<Input> inputs = new ArrayList<>();
            group.forEach(m -> {
                people.add(m.person());
                inputs.add(m.input());
            });
            String guess = group.get(0).best();
            gaps.add(new Gap("unmatched-" + group.get(0).input().hash().substring(0, 10), "unmatched",
                    "Nothing matched" + (guess == null ? "" : " (closest: " + titleOf(kb, guess) + ")"), people.size(), guess,
                    null, null, null, newestFirst(inputs)));
        }
        // failing leaves
        Map<String, Set<String>> notFixed = new LinkedHashMap<>();
        Map<String, Integer> fixed = new HashMap<>();
        Map<String, String> personOf = new HashMap<>();
        rows.conversations().forEach(c -> personOf.put(c.id(), person(c)));
        for (OutcomeStore.OutcomeRow o : rows.outcomes()) {
            String leaf = o.entry() + "#" + o.node();
            if (o.kind().equals(Event.Ended.NOT_FIXED)) {
                notFixed.computeIfAbsent(leaf, k -> new HashSet<>()).add(personOf.getOrDefault(o.conversation(), o.conversation()));
            } else if (o.kind().equals(Event.Ended.FIXED)) {
                fixed.merge(leaf, 1, Integer::sum);
            }
        }
        notFixed.forEach((leaf, people) -> {
            int h = leaf.indexOf('#');
            String entry = leaf.substring(0, h);
            String node = leaf.substring(h + 1);
            double rate = Math.round(1000.0 * people.size() / (people.size() + fixed.getOrDefault(leaf, 0))) / 1000.0;
            gaps.add(new Gap("leaf-" + Redaction.fingerprint(leaf).substring(0, 10), "failing_leaf",
                    "\u201C" + Report.title(kb, entry, node) + "\u201D in " + titleOf(kb, entry) + " did not fix it",
                    people.size(), entry, null, node, rate, List.of()));
        });
        gaps.sort(Comparator.comparingInt(Gap::people).reversed()
                .thenComparing(g -> g.notFixedRate() == null ? 0 : -g.notFixedRate())
                .thenComparing(Gap::id));
        return gaps;
    }

    private record Member(String person, Input input, String best, Set<String> words) {}

    /** Greedy single pass: each input joins the first group with the same best candidate and enough shared words. */
    private static List<List<Member>> group(List<Member> members) {
        List<List<Member>> groups = new ArrayList<>();
        for (Member m : members) {
            List<Member> home = null;
            for (List<Member> g : groups) {
                Member head = g.get(0);
                boolean sameGuess = head.best() == null ? m.best() == null : head.best().equals(m.best());
                if (sameGuess && (head.input().hash().equals(m.input().hash()) || jaccard(head.words(), m.words()) >= SIMILAR)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(m);
        }
        return groups;
    }

    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
    }

    private static String best(List<Event.Candidate> candidates) {
        return candidates.isEmpty() ? null : candidates.get(0).entry();
    }

    private static String person(OutcomeStore.ConversationRow c) {
        return c.subject() != null ? "subject:" + c.subject() : "conversation:" + c.id();
    }

    private static String titleOf(Kb kb, String entry) {
        return kb == null ? entry : kb.entry(entry).map(e -> e.title()).orElse(entry);
    }

    private static List<Input> newestFirst(List<Input> inputs) {
        List<Input> out = new ArrayList<>(inputs);
        out.sort(Comparator.comparing(Input::at).reversed());
        return out;
    }
}
