package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Node;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What authors read: per entry and per leaf, how many conversations reached a fix and how they
 * ended; where flows are abandoned; conversations per day. Resolution rate = fixed / reached a fix.
 * A conversation is abandoned when it has no outcome and no turn for the configured time; it counts
 * at the node it was last shown.
 */
public record Report(String since, String until, Totals totals, List<Day> days, List<EntryLine> entries,
                     List<NodeCount> abandonedAt, Map<String, Integer> channels, Map<String, Integer> ticketActions,
                     Recorder.Stats store) {

    public record Totals(int conversations, int matched, int unmatched, int reachedFix, int fixed, int notFixed,
                         int handedOff, int abandoned, Double resolutionRate, int tickets) {}

    public record Day(String day, int conversations, int fixed) {}

    public record EntryLine(String entry, String title, int conversations, int reachedFix, int fixed, int notFixed,
                            int handedOff, int abandoned, Double resolutionRate, List<Leaf> leaves) {}

    public record Leaf(String node, String title, int reached, int fixed, int notFixed, Double resolutionRate) {}

    public record NodeCount(String entry, String node, String title, int count) {}

    /** How each conversation ended and where it was last: the common ground of the report and the gaps. */
    record Fate(String conversation, String lastEntry, String lastNode, boolean abandoned, Instant lastTurn) {}

    static Map<String, Fate> fates(OutcomeStore.Rows rows, Instant now, Duration abandonAfter) {
        Map<String, Fate> out = new LinkedHashMap<>();
        Map<String, OutcomeStore.StepRow> last = new HashMap<>();
        for (OutcomeStore.StepRow s : rows.steps()) {
            last.merge(s.conversation(), s, (a, b) -> b.turn() > a.turn() ? b : a);
        }
        Set<String> ended = new HashSet<>();
        for (OutcomeStore.OutcomeRow o : rows.outcomes()) {
            if (!o.kind().equals(Event.Ended.NOT_FIXED)) {
                ended.add(o.conversation());
            }
        }
        for (OutcomeStore.ConversationRow c : rows.conversations()) {
            OutcomeStore.StepRow s = last.get(c.id());
            String entry = s == null ? c.nodeEntry() : s.toEntry();
            String node = s == null ? c.node() : s.toNode();
            Instant at = s == null ? c.startedAt() : s.at();
            boolean abandoned = !ended.contains(c.id()) && at.plus(abandonAfter).isBefore(now);
            out.put(c.id(), new Fate(c.id(), entry, node, abandoned, at));
        }
        return out;
    }

    public static Report build(OutcomeStore.Rows rows, Instant since, Instant now, Duration abandonAfter, Kb kb,
                               Recorder.Stats stats) {
        Map<String, Fate> fates = fates(rows, now, abandonAfter);
        // The entry a conversation is counted under: where it started, or the first entry chosen after no match.
        Map<String, String> home = new HashMap<>();
        for (OutcomeStore.ConversationRow c : rows.conversations()) {
            if (c.entry() != null) {
                home.put(c.id(), c.entry());
            }
        }
        for (OutcomeStore.StepRow s : rows.steps()) {
            if (s.toEntry() != null) {
                home.putIfAbsent(s.conversation(), s.toEntry());
            }
        }
        // Leaves reached: fix nodes shown, by (entry, node), each conversation once.
        Map<String, Set<String>> reached = new TreeMap<>();
        for (OutcomeStore.ConversationRow c : rows.conversations()) {
            if ("fix".equals(c.nodeKind()) && c.nodeEntry() != null) {
                reached.computeIfAbsent(c.nodeEntry() + "#" + c.node(), k -> new HashSet<>()).add(c.id());
            }
        }
        for (OutcomeStore.StepRow s : rows.steps()) {
            if ("fix".equals(s.toKind()) && s.toEntry() != null) {
                reached.computeIfAbsent(s.toEntry() + "#" + s.toNode(), k -> new HashSet<>()).add(s.conversation());
            }
        }
        Map<String, int[]> leafCounts = new TreeMap<>(); // fixed, not fixed
        Map<String, int[]> entryCounts = new TreeMap<>(); // conversations, fixed, not fixed, handed off, abandoned
        Map<String, Set<String>> entryReached = new HashMap<>();
        for (String c : home.values()) {
            entryCounts.computeIfAbsent(c, k -> new int[5])[0]++;
        }
        int fixed = 0;
        int notFixed = 0;
        int handedOff = 0;
        for (OutcomeStore.OutcomeRow o : rows.outcomes()) {
            String entry = o.entry() == null ? home.get(o.conversation()) : o.entry();
            if (entry == null) {
                continue;
            }
            int[] e = entryCounts.computeIfAbsent(entry, k -> new int[5]);
            switch (o.kind()) {
                case Event.Ended.FIXED -> {
                    fixed++;
                    e[1]++;
                    leafCounts.computeIfAbsent(entry + "#" + o.node(), k -> new int[2])[0]++;
                }
                case Event.Ended.NOT_FIXED -> {
                    notFixed++;
                    e[2]++;
                    leafCounts.computeIfAbsent(entry + "#" + o.node(), k -> new int[2])[1]++;
                }
                case Event.Ended.HANDOFF -> {
                    handedOff++;
                    e[3]++;
                }
                default -> { }
            }
        }
        Map<String, Integer> abandonedAt = new TreeMap<>();
        int abandoned = 0;
        for (Fate f : fates.values()) {
            if (f.abandoned()) {
                abandoned++;
                abandonedAt.merge(f.lastEntry() + "#" + f.lastNode(), 1, Integer::sum);
                String entry = f.lastEntry() != null ? f.lastEntry() : home.get(f.conversation());
                if (entry != null) {
                    entryCounts.computeIfAbsent(entry, k -> new int[5])[4]++;
                }
            }
        }
        Set<String> allReached = new HashSet<>();
        reached.forEach((leaf, convs) -> {
            String entry = leaf.substring(0, leaf.indexOf('#'));
            entryReached.computeIfAbsent(entry, k -> new HashSet<>()).addAll(convs);
            entryCounts.computeIfAbsent(entry, k -> new int[5]);
            allReached.addAll(convs);
        });
        List<EntryLine> entries = new ArrayList<>();
        entryCounts.forEach((entry, n) -> {
            List<Leaf> leaves = new ArrayList<>();
            Set<String> leafKeys = new java.util.TreeSet<>(reached.keySet());
            leafKeys.addAll(leafCounts.keySet());
            for (String leaf : leafKeys) {
                if (!leaf.startsWith(entry + "#")) {
                    continue;
                }
                String node = leaf.substring(entry.length() + 1);
                int r = reached.getOrDefault(leaf, Set.of()).size();
                int[] lc = leafCounts.getOrDefault(leaf, new int[2]);
                leaves.add(new Leaf(node, title(kb, entry, node), r, lc[0], lc[1], rate(lc[0], r)));
            }
            int r = entryReached.getOrDefault(entry, Set.of()).size();
            entries.add(new EntryLine(entry, kb == null ? entry : kb.entry(entry).map(e -> e.title()).orElse(entry),
                    n[0], r, n[1], n[2], n[3], n[4], rate(n[1], r), leaves));
        });
        entries.sort(Comparator.comparingInt(EntryLine::conversations).reversed().thenComparing(EntryLine::entry));
        List<NodeCount> where = new ArrayList<>();
        abandonedAt.forEach((k, v) -> {
            int h = k.indexOf('#');
            String entry = k.substring(0, h);
            String node = k.substring(h + 1);
            where.add(new NodeCount(entry.equals("null") ? null : entry, node, title(kb, entry, node), v));
        });
        where.sort(Comparator.comparingInt(NodeCount::count).reversed());
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        for (LocalDate d = LocalDate.ofInstant(since.isBefore(now.minus(Duration.ofDays(366))) ? now.minus(Duration.ofDays(366)) : since,
                ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC)); d = d.plusDays(1)) {
            perDay.put(d, new int[2]);
        }
        Map<String, Integer> channels = new TreeMap<>();
        for (OutcomeStore.ConversationRow c : rows.conversations()) {
            perDay.computeIfAbsent(LocalDate.ofInstant(c.startedAt(), ZoneOffset.UTC), k -> new int[2])[0]++;
            channels.merge(c.channel(), 1, Integer::sum);
        }
        for (OutcomeStore.OutcomeRow o : rows.outcomes()) {
            if (o.kind().equals(Event.Ended.FIXED)) {
                perDay.computeIfAbsent(LocalDate.ofInstant(o.at(), ZoneOffset.UTC), k -> new int[2])[1]++;
            }
        }
        List<Day> days = new ArrayList<>();
        perDay.forEach((d, n) -> days.add(new Day(d.toString(), n[0], n[1])));
        Map<String, Integer> actions = new TreeMap<>();
        rows.tickets().forEach(t -> actions.merge(t.action(), 1, Integer::sum));
        if (!rows.tickets().isEmpty()) {
            channels.merge("ticket", rows.tickets().size(), Integer::sum);
        }
        int matched = (int) rows.conversations().stream().filter(OutcomeStore.ConversationRow::matched).count();
        Totals totals = new Totals(rows.conversations().size(), matched, rows.conversations().size() - matched,
                allReached.size(), fixed, notFixed, handedOff, abandoned, rate(fixed, allReached.size()), rows.tickets().size());
        return new Report(since.toString(), now.toString(), totals, days, entries, where, channels, actions, stats);
    }

    static String title(Kb kb, String entry, String node) {
        if (kb == null || entry == null || entry.equals("null")) {
            return node;
        }
        return kb.entry(entry).flatMap(e -> e.flow().node(node)).map(Node::title).orElse(node);
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
