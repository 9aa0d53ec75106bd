package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.semantic.SemanticIndex;
import dev.gatewaydoctor.memo.RecentCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.lucene.analysis.Analyzer;

/**
 * Finds the entries that fit a pasted text. Built once per knowledge base (in memory), then
 * immutable and safe to share between threads.
 *
 * <p>The stages, each its own class: {@link EntryIndex} (schema, index and everything precomputed
 * at KB load), {@link Query} (the text analysed once per field), {@link Candidates} (Lucene's BM25
 * finds the entries worth scoring), the {@link Signal}s (named features per candidate) and the
 * {@link ChoiceModel} (a conditional logit with a "none of these" alternative, weights from
 * {@link Tuning}). Confidence is the model's belief that some entry fits at all.
 */
public final class Matcher {

    private final EntryIndex index;
    private final Tuning tuning;
    private final double[] weights;
    private final Candidates candidates;
    /** The lexical signals and the semantic one, when the semantic part is on (else empty). */
    private final Optional<SemanticIndex> semanticIndex;
    private final List<Signal> semanticSignals;
    private final double[] semanticWeights;
    private final double cut;

    private Matcher(EntryIndex index, Tuning tuning, Optional<SemanticIndex> semantic) {
        this.index = index;
        this.tuning = tuning;
        this.weights = tuning.weights();
        this.candidates = new Candidates(index, tuning);
        if (semantic.isPresent() && tuning.semantic().isEmpty()) {
            throw new IllegalArgumentException("the semantic part is on but the tuning has no weights fitted with the"
                    + " semantic features (eval/" + Tuning.SEMANTIC_FILE + ")");
        }
        this.semanticIndex = semantic;
        List<Signal> all = new ArrayList<>(ChoiceModel.SIGNALS);
        semantic.ifPresent(s -> all.add(new SemanticSignal(s)));
        this.semanticSignals = List.copyOf(all);
        this.semanticWeights = tuning.semantic().map(Tuning.SemanticModel::weights).orElse(null);
        this.cut = tuning.semantic().map(Tuning.SemanticModel::cut).orElse(2.0);
    }

    public static Matcher build(Kb kb, Tuning tuning) {
        return new Matcher(new EntryIndex(kb), tuning.lexical(), Optional.empty());
    }

    /**
     * A matcher with the semantic signal when {@code semantic} is given: {@code tuning} must then
     * carry the semantic model ({@link Tuning#forFolders(List, boolean)}); without it, the lexical
     * model alone is used and a semantic model in {@code tuning} is ignored, never fed zeros.
     */
    public static Matcher build(Kb kb, Tuning tuning, Optional<SemanticIndex> semantic) {
        return build(kb, tuning, semantic, Optional.empty());
    }

    /**
     * The same, keeping a large KB's analysed index in {@code dataFolder} between starts so that a
     * start or reload of the same KB reads it instead of building it again.
     */
    public static Matcher build(Kb kb, Tuning tuning, Optional<SemanticIndex> semantic, Optional<java.nio.file.Path> dataFolder) {
        return build(kb, tuning, () -> semantic, dataFolder);
    }

    /** The same, with the vectors asked for once the lexical index is built (they may be built meanwhile). */
    public static Matcher build(Kb kb, Tuning tuning, java.util.function.Supplier<Optional<SemanticIndex>> semantic,
                                Optional<java.nio.file.Path> dataFolder) {
        EntryIndex index = new EntryIndex(kb, dataFolder);
        Optional<SemanticIndex> vectors = semantic.get();
        return new Matcher(index, vectors.isPresent() ? tuning : tuning.lexical(), vectors);
    }

    /** Whether the KB's index was read from the copy a previous start kept, not built. */
    public boolean indexFromCache() {
        return index.fromCache;
    }

    /** Whether this matcher computes the semantic features (for the texts the lexical part leaves open). */
    public boolean semantic() {
        return semanticIndex.isPresent();
    }

    public static Matcher build(Kb kb) {
        return build(kb, Tuning.defaults());
    }

    public Kb kb() {
        return index.kb;
    }

    public Tuning tuning() {
        return tuning;
    }

    /** The same KB and index with another tuning (weights and threshold of a refit). */
    public Matcher withTuning(Tuning t) {
        return new Matcher(index, t, semanticIndex);
    }

    /** The same KB and index with other choice-model weights (a refit). */
    public Matcher withWeights(double[] w) {
        return new Matcher(index, tuning.withWeights(w), semanticIndex);
    }

    /** The same KB and indexes with another semantic model (a refit). */
    public Matcher withSemantic(Tuning.SemanticModel model) {
        return new Matcher(index, tuning.withSemantic(model), semanticIndex);
    }

    /**
     * Matches a text; {@code limit} caps the candidates returned. The confidence is the model's
     * belief that some entry fits at all (one minus "none of these"); the candidates' scores say
     * how that belief is shared between them, so a close second is visible as an alternative.
     */
    public Match match(String text, int limit) {
        if (text.length() > RECENT_TEXT || limit < 1 || limit > 64) {
            return compute(text, limit);
        }
        return recent.get(limit + "\n" + text, k -> compute(text, limit));
    }

    /**
     * Answers for the texts matched last: the same pasted page comes again and again (a retry, a
     * refreshed widget, the same outage pasted by many customers), and a matcher never changes its
     * answer (a KB reload builds a new matcher). Bounded: {@value #RECENT} texts of at most
     * {@value #RECENT_TEXT} characters, a few megabytes at most.
     */
    private final RecentCache<Match> recent = new RecentCache<>(RECENT);
    static final int RECENT = 512;
    static final int RECENT_TEXT = 4096;

    /**
     * Scoring is pure CPU: more texts scored at once than there are cores only share the cores
     * and their caches. The server's turns let twice the cores' requests in (a request also reads
     * its body, writes its answer, runs a chat turn), and callers outside the server (ticket
     * batches, Slack) have no turns at all; so here at most one text per core is scored at a time,
     * the others wait in arrival order without taking a core (in the soak: about a quarter more
     * requests per second than with the server's turns alone). One gate for the process: the cores
     * are the process's, and a KB reload's new matcher shares it. Cached answers skip it.
     */
    private static final Semaphore CORES = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    private Match compute(String text, int limit) {
        Scoring scoring;
        CORES.acquireUninterruptibly();
        try {
            scoring = score(text);
        } finally {
            CORES.release();
        }
        List<Match.Candidate> results = scoring.candidates().stream()
                .filter(c -> c.probability() >= MIN_SHOWN)
                .limit(Math.max(1, limit))
                .map(c -> new Match.Candidate(c.entry().id(), c.entry().title(), round(c.probability())))
                .toList();
        double confidence = results.isEmpty() ? 0 : round(scoring.inScope());
        Set<String> shown = new HashSet<>();
        results.forEach(r -> shown.add(r.id()));
        List<Match.Found> evidence = scoring.candidates().stream().filter(c -> shown.contains(c.entry().id()))
                .flatMap(c -> c.evidence().stream()).toList();
        return new Match(confidence >= tuning.threshold(semanticIndex.isPresent()), confidence, results, evidence, scoring.text());
    }

    /** Candidates below this are noise, not worth offering as "did you mean". */
    static final double MIN_SHOWN = 0.02;

    /**
     * One candidate with the signals confidence is computed from.
     *
     * @param features see {@link Features}
     * @param probability the choice model's belief that this entry is the one the text is about
     */
    public record Candidate(Entry entry, double[] features, double probability, List<Match.Found> evidence) {}

    /**
     * The candidates for a text, most probable first, and the text's own signals.
     *
     * @param semantic whether the semantic features were computed (the lexical part left the choice open)
     */
    public record Scoring(String text, List<Candidate> candidates, double[] none, boolean semantic) {
        /** The probability that some entry fits: the candidates' probabilities summed. */
        public double inScope() {
            return Math.min(1, candidates.stream().mapToDouble(Candidate::probability).sum());
        }
    }

    /** The feature names of the engine, as the weights file must name them. */
    public static final class Features {
        /** Candidate features: every {@link Signal}'s names in {@link ChoiceModel#SIGNALS} order. */
        public static final String[] NAMES = ChoiceModel.NAMES;
        /** Text features, for the "none of these" alternative (see {@link OutOfScopeSignal}). */
        public static final String[] NONE = ChoiceModel.NONE;
        /** Weights: the "none" intercept, one per candidate feature, one per text feature. */
        public static final int WEIGHTS = ChoiceModel.WEIGHTS;

        private Features() {}
    }

    /** Which features a scoring computes: the cascade decides per text; the others are for the evaluation. */
    enum Path { LEXICAL, CASCADE, SEMANTIC }

    /**
     * Scores every candidate entry of a text. With the semantic part on, the lexical signals go
     * first (microseconds); only when their top candidate's probability is below the cascade's cut
     * (the choice is open) is the text embedded (milliseconds) and scored again with the semantic
     * features and their weights.
     */
    public Scoring score(String text) {
        return score(text, Path.CASCADE);
    }

    Scoring score(String text, Path path) {
        Query query = Query.of(text, index);
        Candidates.Found found = candidates.find(query);
        Scoring lexical = null;
        if (path != Path.SEMANTIC || semanticIndex.isEmpty()) {
            lexical = scoreWith(query, found, ChoiceModel.SIGNALS, ChoiceModel.NAMES.length, weights, false);
            if (path == Path.LEXICAL || semanticIndex.isEmpty()) {
                return lexical;
            }
            if (!lexical.candidates().isEmpty() && lexical.candidates().get(0).probability() >= cut) {
                return lexical;
            }
        }
        return scoreWith(query, withNearest(query, found), semanticSignals, ChoiceModel.SEMANTIC_NAMES.length,
                semanticWeights, true);
    }

    /** Entries whose wordings are nearest in meaning, for KBs too large to score every entry. */
    private static final int NEAREST = 10;

    private Candidates.Found withNearest(Query query, Candidates.Found found) {
        if (found.ids().size() >= index.size()) {
            return found;
        }
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(found.ids());
        ids.addAll(found.total().keySet());
        ids.addAll(semanticIndex.orElseThrow().similarities(query.visible()).nearest(NEAREST));
        return new Candidates.Found(found.total(), found.wording(), found.prose(), ids);
    }

    private Scoring scoreWith(Query query, Candidates.Found found, List<Signal> signalList, int size, double[] w,
                              boolean semantic) {
        List<EntryIndex.Profile> profiles = new ArrayList<>(found.ids().size());
        for (String id : found.ids()) {
            profiles.add(index.profiles.get(id));
        }
        TermHits hits = TermHits.of(query, profiles, index);
        List<Signal.PerText> signals = ChoiceModel.forText(signalList, query, found, hits, index);
        List<Candidate> out = new ArrayList<>(found.ids().size());
        List<double[]> features = new ArrayList<>(found.ids().size());
        List<Signal.ScoredCandidate> scored = new ArrayList<>(found.ids().size());
        long[] present = WordingSignal.present(query, index);
        for (int slot = 0; slot < profiles.size(); slot++) {
            EntryIndex.Profile p = profiles.get(slot);
            Signal.ScoredCandidate c = new Signal.ScoredCandidate(p, evidence(p, query), slot, WordingSignal.best(present, p));
            scored.add(c);
            double[] f = ChoiceModel.features(signals, c, size);
            features.add(f);
            out.add(new Candidate(p.entry(), f, 0, c.evidence()));
        }
        double[] none = OutOfScopeSignal.values(query, index, scored);
        double[] probabilities = ChoiceModel.choice(w, features, none);
        for (int i = 0; i < out.size(); i++) {
            Candidate c = out.get(i);
            out.set(i, new Candidate(c.entry(), c.features(), probabilities[i], c.evidence()));
        }
        out.sort(Comparator.comparingDouble(Candidate::probability).reversed().thenComparing(c -> c.entry().id()));
        return new Scoring(query.visible(), out, none, semantic);
    }

    /** See {@link ChoiceModel#choice}. */
    static double[] choice(double[] w, List<double[]> features, double[] none) {
        return ChoiceModel.choice(w, features, none);
    }

    /** Entry evidence found in the text, each with the line it is on. */
    private static List<Match.Found> evidence(EntryIndex.Profile p, Query query) {
        List<Match.Found> out = new ArrayList<>();
        for (CompiledEvidence ev : p.evidence()) {
            Optional<String> hit = ev.find(query.seen());
            hit.ifPresent(h -> out.add(new Match.Found(p.entry().id(), ev.evidence().label(), h.strip(), lineOf(query.visible(), h))));
        }
        return out;
    }

    private static int lineOf(String text, String found) {
        int at = text.indexOf(found);
        if (at < 0) {
            return 0; // found in the markup only
        }
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /**
     * HTTP's error statuses (RFC 9110 and the registered extensions, 4xx and 5xx) and the 52x range
     * that CDNs use. A text naming one of them is about that status.
     */
    private static final Set<Integer> HTTP_ERRORS = httpErrors();
    /** A three-digit number standing alone: not part of an address, path, version, time or port. */
    static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile(
            "(?<![\\w.:/#*-])(?<!(?i:port) )([45]\\d\\d)(?![\\w-]|[.:]\\d)");

    private static Set<Integer> httpErrors() {
        Set<Integer> s = new HashSet<>();
        for (int c = 400; c <= 418; c++) {
            s.add(c);
        }
        s.addAll(List.of(421, 422, 423, 424, 425, 426, 428, 429, 431, 451));
        for (int c = 500; c <= 511; c++) {
            s.add(c);
        }
        for (int c = 520; c <= 530; c++) {
            s.add(c);
        }
        return Set.copyOf(s);
    }

    /** The HTTP error statuses a text names (also used by channels that report what they found). */
    public static Set<Integer> statusCodes(String text) {
        Set<Integer> out = new HashSet<>();
        // A status starts with 4 or 5: the pattern is tried there only (seeing the text around
        // it), not from every position, which finds the same numbers as a search of the whole text.
        var m = STATUS.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '4' || c == '5') && m.region(i, text.length()).lookingAt()) {
                int code = Integer.parseInt(m.group(1));
                if (HTTP_ERRORS.contains(code)) {
                    out.add(code);
                }
                i = m.end() - 1;
            }
        }
        return out;
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        return EntryIndex.terms(analyzer, text);
    }

    static Set<String> terms(Analyzer analyzer, String field, String text) {
        return EntryIndex.terms(analyzer, field, text);
    }

    /** A probability as answers show it (three decimals); the evaluation rounds the same way. */
    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
