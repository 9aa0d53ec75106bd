package dev.gatewaydoctor.tickets;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Option;
import dev.gatewaydoctor.kb.Target;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.match.Matcher;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a ticket and decides what to do with it: cleans the text (see {@link MailText}), adds the
 * text of its attachments, matches the whole and each paragraph (so that a ticket raising two
 * problems finds both), and writes the first reply. Knows nothing of HTTP; thread-safe.
 */
public final class Triage {

    /** The most text matched at once: the same bound as {@code /api/match}. */
    public static final int MAX_TEXT_CHARS = 64 * 1024;
    static final int RESULTS = 5;
    static final int MAX_SEGMENTS = 24;
    static final int MAX_ATTACHMENTS = 10;
    static final int MAX_IMAGES_READ = 4;
    static final int MAX_ATTACHED_TEXT = 16 * 1024;
    /** At most this many problems are written about in one reply. */
    static final int MAX_PROBLEMS = 2;
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** The fewest words a paragraph is matched on by itself. */
    static final int MIN_SEGMENT_WORDS = 3;
    /**
     * A paragraph matched on its own raises a problem when the KB's evidence for that entry is in it,
     * or when it has at least this many words: a few words alone ("thanks for your help") can fit
     * an entry by chance.
     */
    static final int PROBLEM_WORDS = 8;
    private static final Pattern TAG_CHARS = Pattern.compile("[^\\p{L}\\p{N}_.-]+");

    /**
     * What a ticket came to.
     *
     * @param results candidate entries, best first, over the whole text and its paragraphs
     * @param matched whether any candidate is a match (the matcher's own threshold)
     * @param confidence the best candidate's score
     * @param evidence KB evidence found, then generic findings
     * @param action what to do with the ticket
     * @param reply the first reply to send or to offer
     * @param tags labels for the ticket system: entry ids, status codes found, the entries' tags
     * @param entries the problems the reply is about, most likely first
     * @param text the cleaned text that was matched
     * @param removed what cleaning took out (quoted history, signature, disclaimer)
     */
    public record Result(
            List<Match.Candidate> results,
            boolean matched,
            double confidence,
            List<Finding> evidence,
            Action action,
            ReplyWriter.Reply reply,
            List<String> tags,
            List<String> entries,
            String text,
            List<String> removed) {

        public Result {
            results = List.copyOf(results);
            evidence = List.copyOf(evidence);
            tags = List.copyOf(tags);
            entries = List.copyOf(entries);
            removed = List.copyOf(removed);
        }

        public Optional<String> best() {
            return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
        }
    }

    private final Supplier<Matcher> matcher;
    private final ImageReader images;
    private final Action.Thresholds thresholds;
    private final ReplyWriter writer;

    public Triage(Supplier<Matcher> matcher, ImageReader images, Action.Thresholds thresholds, ReplyWriter writer) {
        this.matcher = matcher;
        this.images = images;
        this.thresholds = thresholds;
        this.writer = writer;
    }

    public Action.Thresholds thresholds() {
        return thresholds;
    }

    public Result triage(Ticket ticket) {
        Matcher m = matcher.get();
        // A reply's subject names the thread's old topic; it speaks only when the new text is too short to.
        String subject = MailText.subject(ticket.subject());
        MailText mail = MailText.of(ticket.body(), ticket.bodyHtml());
        List<String> attached = attachedTexts(ticket.attachments());

        List<String> parts = new ArrayList<>();
        if (!subject.isBlank() && (!MailText.isReply(ticket.subject()) || words(mail.text()) < PROBLEM_WORDS)) {
            parts.add(subject);
        }
        if (!mail.text().isBlank()) {
            parts.add(mail.text());
        }
        parts.addAll(attached);
        String text = bounded(String.join("\n\n", parts));
        if (text.isBlank()) {
            return escalate(ticket, text, mail, List.of());
        }

        Match whole = m.match(text, RESULTS);
        List<Match> segmentMatches = new ArrayList<>();
        List<String> segments = segments(bounded(mail.text()), attached);
        // One paragraph is the whole text again: only two or more can raise a second problem.
        for (String segment : segments.size() < 2 ? List.<String>of() : segments) {
            if (!segment.equals(text)) {
                Match sm = m.match(segment, 3);
                if (sm.best().isPresent() && raisesProblem(sm, segment)) {
                    segmentMatches.add(sm);
                }
            }
        }
        return decide(ticket, m, text, mail, whole, segmentMatches);
    }

    private static boolean raisesProblem(Match segment, String text) {
        String best = segment.results().get(0).id();
        return words(text) >= PROBLEM_WORDS || segment.evidence().stream().anyMatch(f -> f.entry().equals(best));
    }

    /** Whole-text candidates, raised or joined by any paragraph that on its own is a match. */
    private Result decide(Ticket ticket, Matcher m, String text, MailText mail, Match whole, List<Match> segments) {
        Kb kb = m.kb();
        Map<String, Match.Candidate> merged = new LinkedHashMap<>();
        whole.results().forEach(c -> merged.put(c.id(), c));
        // The problems: the best of every paragraph that on its own is a match, in the order the
        // sender wrote them, then the whole text's best.
        Map<String, Double> problems = new LinkedHashMap<>();
        boolean matched = whole.matched();
        for (Match s : segments) {
            matched = true;
            // Only a paragraph's best candidate joins: its runners-up are the whole text's business.
            Match.Candidate best = s.results().get(0);
            merged.merge(best.id(), best, (a, b) -> a.score() >= b.score() ? a : b);
            problems.merge(best.id(), best.score(), Math::max);
        }
        whole.best().ifPresent(b -> problems.merge(b.id(), b.score(), Math::max));
        // Equal scores: a problem the sender raised first goes first, then the whole text's order.
        List<String> order = new ArrayList<>(problems.keySet());
        whole.results().forEach(c -> order.add(c.id()));
        Comparator<String> earlier = Comparator.comparingInt(id -> order.contains(id) ? order.indexOf(id) : order.size());
        List<Match.Candidate> ranked = merged.values().stream()
                .sorted(Comparator.comparingDouble(Match.Candidate::score).reversed()
                        .thenComparing(Match.Candidate::id, earlier))
                .toList();
        List<Match.Candidate> results = new ArrayList<>(ranked.stream().limit(RESULTS).toList());
        for (Match.Candidate c : ranked) {
            if (problems.containsKey(c.id()) && !results.contains(c)) {
                results.add(c); // a second problem is always reported, even past the limit
            }
        }
        double confidence = results.isEmpty() ? 0 : results.get(0).score();
        Action action = results.isEmpty() ? Action.ESCALATE : Action.of(confidence, thresholds);

        List<Finding> evidence = new ArrayList<>();
        Set<String> shown = new LinkedHashSet<>();
        results.forEach(c -> shown.add(c.id()));
        Set<String> seen = new LinkedHashSet<>();
        List<Match> all = new ArrayList<>();
        all.add(whole);
        all.addAll(segments);
        for (Match x : all) {
            for (Match.Found f : x.evidence()) {
                if (shown.contains(f.entry()) && seen.add(f.entry() + "\u0000" + f.label() + "\u0000" + f.found())) {
                    evidence.add(new Finding(Finding.KB, f.found(), lineOf(text, f.found()), f.entry(), f.label()));
                }
            }
        }
        List<Finding> generic = Findings.extract(text);
        evidence.addAll(generic);

        if (action == Action.ESCALATE) {
            return new Result(results, matched, confidence, evidence, action, writer.holding(ticket.from()),
                    tags(List.of(), generic), List.of(), text, mail.removed());
        }
        List<Entry> about = about(kb, results, problems, earlier);
        if (about.isEmpty()) {
            return new Result(results, matched, confidence, evidence, Action.ESCALATE, writer.holding(ticket.from()),
                    tags(List.of(), generic), List.of(), text, mail.removed());
        }
        ReplyWriter.Reply reply = writer.about(ticket.from(), about, kb);
        return new Result(results, matched, confidence, evidence, action, reply, tags(about, generic),
                about.stream().map(Entry::id).toList(), text, mail.removed());
    }

    /**
     * The entries the reply is about: the best candidate, then other problems a paragraph raised on
     * its own with at least the suggest threshold, unless the KB links them to one already chosen
     * (then they are the same problem seen from another side).
     */
    private List<Entry> about(Kb kb, List<Match.Candidate> results, Map<String, Double> problems,
            Comparator<String> earlier) {
        List<Entry> out = new ArrayList<>();
        kb.entry(results.get(0).id()).ifPresent(out::add);
        problems.entrySet().stream()
                .filter(p -> p.getValue() >= thresholds.suggest())
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry::getKey, earlier))
                .map(p -> kb.entry(p.getKey()))
                .flatMap(Optional::stream)
                .filter(e -> out.stream().noneMatch(o -> o.id().equals(e.id()) || linked(o, e) || linked(e, o)))
                .limit(MAX_PROBLEMS - 1L)
                .forEach(out::add);
        return out;
    }

    /** Whether {@code a} names {@code b} as related or leads to it from its tree. */
    private static boolean linked(Entry a, Entry b) {
        if (a.related().contains(b.id())) {
            return true;
        }
        return a.flow().nodes().values().stream()
                .flatMap(n -> n.options().stream())
                .map(Option::target)
                .anyMatch(t -> t instanceof Target.Jump j && j.entry().equals(b.id()));
    }

    private Result escalate(Ticket ticket, String text, MailText mail, List<Finding> evidence) {
        return new Result(List.of(), false, 0, evidence, Action.ESCALATE, writer.holding(ticket.from()), List.of(),
                List.of(), text, mail.removed());
    }

    /** Entry ids, status codes found, then the entries' own tags; lowercased, no spaces, no repeats. */
    private static List<String> tags(List<Entry> entries, List<Finding> generic) {
        Set<String> out = new LinkedHashSet<>();
        entries.forEach(e -> out.add(e.id()));
        generic.stream().filter(f -> f.kind().equals(Finding.STATUS)).forEach(f -> out.add(f.text()));
        entries.forEach(e -> out.addAll(e.tags()));
        return out.stream()
                .map(t -> TAG_CHARS.matcher(t.strip().toLowerCase(Locale.ROOT)).replaceAll("-"))
                .filter(t -> !t.isEmpty() && !t.equals("-"))
                .distinct()
                .toList();
    }

    /**
     * The paragraphs of the new text and each attachment's text, bounded in number. A paragraph of a
     * word or two (a greeting) joins the next one rather than being matched alone.
     */
    static List<String> segments(String body, List<String> attached) {
        List<String> out = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (String p : PARAGRAPH_BREAK.split(body)) {
            if (p.isBlank()) {
                continue;
            }
            if (group.length() > 0) {
                group.append("\n\n");
            }
            group.append(p.strip());
            if (words(group) >= MIN_SEGMENT_WORDS) {
                out.add(bounded(group.toString()));
                group.setLength(0);
            }
        }
        if (group.length() > 0) {
            out.add(bounded(group.toString()));
        }
        attached.forEach(a -> out.add(bounded(a)));
        return out.stream().distinct().limit(MAX_SEGMENTS).toList();
    }

    private static int words(CharSequence s) {
        int n = 0;
        var m = WORD.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Text read from image attachments (by the {@link ImageReader}) and text files. */
    private List<String> attachedTexts(List<Ticket.Attachment> attachments) {
        List<String> out = new ArrayList<>();
        int images = 0;
        for (Ticket.Attachment a : attachments.stream().limit(MAX_ATTACHMENTS).toList()) {
            Optional<String> read = Optional.empty();
            if (a.isImage() && images < MAX_IMAGES_READ) {
                images++;
                read = images(a);
            } else if (a.isText()) {
                read = utf8(a.data());
            }
            read.map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> s.length() > MAX_ATTACHED_TEXT ? s.substring(0, MAX_ATTACHED_TEXT) : s)
                    .ifPresent(out::add);
        }
        return out;
    }

    private Optional<String> images(Ticket.Attachment a) {
        try {
            return images.read(a.data(), a.mediaType());
        } catch (RuntimeException e) {
            return Optional.empty(); // an unreadable image is a ticket without that text, not a failure
        }
    }

    /** The start of a text file as UTF-8; a binary file mislabelled as text reads as nothing. */
    private static Optional<String> utf8(byte[] data) {
        int n = Math.min(data.length, MAX_ATTACHED_TEXT * 4);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(data, 0, n)).toString();
            return s.indexOf('\u0000') >= 0 ? Optional.empty() : Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String bounded(String s) {
        return s.length() <= MAX_TEXT_CHARS ? s : s.substring(0, MAX_TEXT_CHARS);
    }

    private static int lineOf(String text, String found) {
        int at = text.indexOf(found);
        return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
