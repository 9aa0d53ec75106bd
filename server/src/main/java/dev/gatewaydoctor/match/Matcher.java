package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Markdown;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the entries that fit a pasted text. Built once per knowledge base (in memory), then
 * immutable and safe to share between threads.
 *
 * <p>Ranking is Lucene's BM25 over four fields (see {@link Schema}), with entry evidence and
 * status-code agreement applied on top. Confidence is separate from rank: it is the noisy-OR of
 * three signals that each mean "this really is about that entry" — a known wording found nearly
 * whole in the text, the share of the text's informative words the entry speaks of, and the
 * entry's evidence patterns — cut down when the text names status codes the entry does not cover.
 */
public final class Matcher {

    /** How many texts' worth of terms one query may hold; bounds work for any input. */
    private static final int MAX_CLAUSES = 4096;
    private static final int MAX_FUZZY = 48;
    private static final int CANDIDATE_DOCS = 400;
    private static final int CANDIDATE_ENTRIES = 50;
    /** Rarity weight at which a wording means something on its own (about two uncommon words). */
    private static final double WORDING_SATURATION = 4.0;

    private final Kb kb;
    private final Tuning tuning;
    private final double[] weights;
    private final Analyzer analyzer = Schema.analyzer();
    private final Analyzer words = new Schema.OcrAnalyzer(false);
    private final IndexSearcher searcher;
    private final String[] docEntry;
    private final boolean[] docIsWording;
    private final Terms proseTerms;
    private final Map<String, Profile> profiles;
    /** In how many wordings each folded word occurs: rare words weigh more. */
    private final Map<String, Integer> wordingFrequency;
    private final int wordingCount;
    /** Every prose term, folded word and status code of the KB. */
    private final TermSet allProse;
    private final TermSet allFolded;
    private final Set<Integer> allCodes;
    /** In how many entries' focus each prose term occurs. */
    private final Map<String, Integer> focusFrequency;

    /** What confidence needs to know of one entry, derived once at build. */
    private record Profile(Entry entry, TermSet prose, TermSet folded, List<Set<String>> wordings,
                           Set<Integer> codes, Set<String> title, TermSet focus) {}

    private Matcher(Kb kb, Tuning tuning) {
        this.kb = kb;
        this.tuning = tuning;
        this.weights = tuning.weights();
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), MAX_CLAUSES + MAX_FUZZY + 16));
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            Map<String, Profile> built = new LinkedHashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
            Map<String, String> pool = new HashMap<>();
            int count = 0;
            try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (Entry entry : kb.list()) {
                    String prose = proseOf(entry);
                    Document doc = new Document();
                    doc.add(new StringField(Schema.ID, entry.id(), Field.Store.YES));
                    doc.add(new StringField(Schema.KIND, Schema.KIND_ENTRY, Field.Store.YES));
                    doc.add(new TextField(Schema.PROSE, prose, Field.Store.NO));
                    doc.add(new TextField(Schema.TITLE, entry.title() + "\n" + String.join(" ", entry.tags()), Field.Store.NO));
                    writer.addDocument(doc);
                    List<Set<String>> wordings = new ArrayList<>();
                    for (String variant : entry.variants()) {
                        Document v = new Document();
                        v.add(new StringField(Schema.ID, entry.id(), Field.Store.YES));
                        v.add(new StringField(Schema.KIND, Schema.KIND_VARIANT, Field.Store.YES));
                        v.add(new TextField(Schema.CODE, variant, Field.Store.NO));
                        v.add(new TextField(Schema.OCR, variant, Field.Store.NO));
                        writer.addDocument(v);
                        Set<String> w = terms(words, variant);
                        wordings.add(w);
                        w.forEach(t -> frequency.merge(t, 1, Integer::sum));
                        count++;
                    }
                    built.put(entry.id(), new Profile(entry, TermSet.of(terms(analyzer, Schema.PROSE, prose), pool),
                            TermSet.of(terms(words, prose), pool), wordings, Set.copyOf(entry.codes()),
                            terms(analyzer, Schema.PROSE, entry.title()),
                            TermSet.of(terms(analyzer, Schema.PROSE, focusOf(entry)), pool)));
                }
            }
            DirectoryReader reader = DirectoryReader.open(dir);
            this.searcher = new IndexSearcher(reader);
            // Entry id and kind by document number, read once: hits are mapped without touching
            // stored fields on the request path.
            this.docEntry = new String[reader.maxDoc()];
            this.docIsWording = new boolean[reader.maxDoc()];
            var stored = reader.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                Document d = stored.document(doc, Set.of(Schema.ID, Schema.KIND));
                docEntry[doc] = d.get(Schema.ID);
                docIsWording[doc] = Schema.KIND_VARIANT.equals(d.get(Schema.KIND));
            }
            this.proseTerms = MultiTerms.getTerms(reader, Schema.PROSE);
            this.profiles = Map.copyOf(built);
            this.wordingFrequency = Map.copyOf(frequency);
            this.wordingCount = Math.max(1, count);
            Map<String, Integer> ff = new HashMap<>();
            built.values().forEach(p -> p.focus().stream().forEach(t -> ff.merge(t, 1, Integer::sum)));
            this.focusFrequency = Map.copyOf(ff);
            Set<String> ap = new HashSet<>();
            Set<String> af = new HashSet<>();
            Set<Integer> ac = new HashSet<>();
            built.values().forEach(p -> {
                p.prose().stream().forEach(ap::add);
                p.folded().stream().forEach(af::add);
                ac.addAll(p.codes());
            });
            this.allProse = TermSet.of(ap, pool);
            this.allFolded = TermSet.of(af, pool);
            this.allCodes = Set.copyOf(ac);
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory index failed", e);
        }
    }

    public static Matcher build(Kb kb, Tuning tuning) {
        return new Matcher(kb, tuning);
    }

    public static Matcher build(Kb kb) {
        return build(kb, Tuning.defaults());
    }

    public Kb kb() {
        return kb;
    }

    public Tuning tuning() {
        return tuning;
    }

    /** The same KB with other choice-model weights (a refit). */
    public Matcher withWeights(double[] w) {
        return build(kb, tuning.withWeights(w));
    }

    /** What an entry is about, as opposed to everything it mentions on the way: title, tags, summary, wordings. */
    static String focusOf(Entry e) {
        return e.title() + "\n" + String.join(" ", e.tags()) + "\n" + Markdown.toPlainText(e.summary()) + "\n"
                + String.join("\n", e.variants());
    }

    /** Everything an entry says, as plain text: what users' own words are compared with. */
    static String proseOf(Entry e) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.title()).append('\n').append(String.join(" ", e.tags())).append('\n');
        sb.append(Markdown.toPlainText(e.summary())).append('\n');
        e.variants().forEach(v -> sb.append(v).append('\n'));
        for (Node n : e.flow().nodes().values()) {
            sb.append(n.title()).append('\n').append(Markdown.toPlainText(n.text())).append('\n');
            for (Option o : n.options()) {
                sb.append(o.label()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Matches a text; {@code limit} caps the candidates returned. The confidence is the model's
     * belief that some entry fits at all (one minus "none of these"); the candidates' scores say
     * how that belief is shared between them, so a close second is visible as an alternative.
     */
    public Match match(String text, int limit) {
        Scoring scoring = score(text);
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
        return new Match(confidence >= tuning.threshold(), confidence, results, evidence, scoring.text());
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

    /** The candidates for a text, most probable first, and the text's own signals. */
    public record Scoring(String text, List<Candidate> candidates, double[] none) {
        /** The probability that some entry fits: the candidates' probabilities summed. */
        public double inScope() {
            return Math.min(1, candidates.stream().mapToDouble(Candidate::probability).sum());
        }
    }

    /**
     * The signals, each scaled to about [0, 1]. The weights that combine them are fitted on the
     * dev set by {@link Evaluation#fit} (a conditional logit) and kept in {@link Tuning}'s file.
     */
    public static final class Features {
        public static final String[] NAMES = {
            "wording", "coverage", "evidence", "lucene", "lucene-wording", "lucene-prose",
            "code-mismatch", "code-match", "matched-mass", "unmatched-mass", "lucene-top", "title",
            "focus", "focus-mass", "focus-specific",
        };

        /**
         * Signals of the text alone, for the "none of these" alternative: how much it says, how
         * much of it the KB has never heard of, and whether it names a status no entry covers.
         */
        public static final String[] NONE = {"information", "unknown-share", "foreign-code", "no-code"};

        /** Weights: the "none" intercept, one per candidate signal, one per text signal. */
        public static final int WEIGHTS = 1 + NAMES.length + NONE.length;

        private Features() {}
    }

    /** Scores every candidate entry of a text. */
    public Scoring score(String text) {
        PastedText pasted = PastedText.of(text);
        String visible = pasted.visible();
        try {
            Ranked ranked = rank(visible);
            Set<String> candidates = new LinkedHashSet<>(ranked.total().keySet());
            // Evidence is looked for in every candidate Lucene found, and for small KBs in all.
            if (kb.size() <= CANDIDATE_ENTRIES) {
                candidates.addAll(kb.entries().keySet());
            }
            String evidenceText = pasted.forEvidence();
            Set<Integer> codes = statusCodes(visible);
            Set<String> queryWords = terms(words, visible);
            Map<String, Double> queryProse = weightedProse(visible);
            // Each query word's OCR-folded form, computed once for all candidates.
            Map<String, Set<String>> foldedQuery = new HashMap<>();
            for (String t : queryProse.keySet()) {
                foldedQuery.put(t, terms(words, t));
            }
            double maxTotal = max(ranked.total());
            double maxWording = max(ranked.wording());
            double maxProse = max(ranked.prose());
            String top = ranked.total().isEmpty() ? "" : ranked.total().keySet().iterator().next();

            // How much of the text's words are what an entry is about and few others are.
            Map<String, Double> specific = new HashMap<>();
            for (String id : candidates) {
                TermSet focus = profiles.get(id).focus();
                double sum = 0;
                for (String t : queryProse.keySet()) {
                    Integer df = focusFrequency.get(t);
                    if (df != null && focus.contains(t)) {
                        sum += Math.log((double) kb.size() / df);
                    }
                }
                specific.put(id, sum);
            }
            double maxSpecific = Math.max(1e-9, max(specific));

            List<Candidate> out = new ArrayList<>();
            for (String id : candidates) {
                Profile p = profiles.get(id);
                List<Match.Found> hits = evidence(p.entry(), evidenceText, visible);
                double[] coverage = coverage(p.prose(), p.folded(), queryProse, foldedQuery);
                double[] focus = coverage(p.focus(), TermSet.EMPTY, queryProse, foldedQuery);
                double[] f = {
                    wordingSignal(p, queryWords),
                    coverage[0],
                    Math.min(2, hits.size()) / 2.0,
                    ranked.total().getOrDefault(id, 0.0) / maxTotal,
                    ranked.wording().getOrDefault(id, 0.0) / maxWording,
                    ranked.prose().getOrDefault(id, 0.0) / maxProse,
                    !codes.isEmpty() && !p.codes().isEmpty() && codes.stream().noneMatch(p.codes()::contains) ? 1 : 0,
                    codes.stream().anyMatch(p.codes()::contains) ? 1 : 0,
                    Math.log1p(coverage[1]) / 3,
                    Math.log1p(coverage[2]) / 3,
                    id.equals(top) ? 1 : 0,
                    titleShare(p, queryProse),
                    focus[0],
                    Math.log1p(focus[1]) / 3,
                    specific.getOrDefault(id, 0.0) / maxSpecific,
                };
                out.add(new Candidate(p.entry(), f, utility(weights, f), hits));
            }
            double[] none = noneFeatures(queryProse, foldedQuery, codes);
            double[] probabilities = choice(weights, out.stream().map(Candidate::features).toList(), none);
            for (int i = 0; i < out.size(); i++) {
                Candidate c = out.get(i);
                out.set(i, new Candidate(c.entry(), c.features(), probabilities[i], c.evidence()));
            }
            out.sort(Comparator.comparingDouble(Candidate::probability).reversed()
                    .thenComparing(c -> c.entry().id()));
            return new Scoring(visible, out, none);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index failed", e);
        }
    }

    /** A candidate's utility under the choice model: {@code w[1..]} times its features. */
    static double utility(double[] w, double[] f) {
        double z = 0;
        for (int i = 0; i < f.length; i++) {
            z += w[i + 1] * f[i];
        }
        return z;
    }

    /**
     * The choice model (a conditional logit with a "none of these" alternative of utility
     * {@code w[0]}): each candidate's probability of being the entry the text is about.
     */
    static double[] choice(double[] w, List<double[]> features, double[] none) {
        double[] z = new double[features.size()];
        double zNone = w[0];
        for (int i = 0; i < none.length; i++) {
            zNone += w[1 + Features.NAMES.length + i] * none[i];
        }
        double top = zNone;
        for (int i = 0; i < z.length; i++) {
            z[i] = utility(w, features.get(i));
            top = Math.max(top, z[i]);
        }
        double sum = Math.exp(zNone - top);
        for (double v : z) {
            sum += Math.exp(v - top);
        }
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - top) / sum;
        }
        return p;
    }

    /** See {@link Features#NONE}. */
    private double[] noneFeatures(Map<String, Double> queryProse, Map<String, Set<String>> foldedQuery, Set<Integer> codes)
            throws IOException {
        double total = 0;
        double unknown = 0;
        for (var e : queryProse.entrySet()) {
            total += e.getValue();
            if (searcher.getIndexReader().docFreq(new Term(Schema.PROSE, e.getKey())) == 0
                    && !fuzzyIn(e.getKey(), allProse)
                    && (foldedQuery.get(e.getKey()).isEmpty() || !allFolded.containsAll(foldedQuery.get(e.getKey())))) {
                unknown += e.getValue();
            }
        }
        boolean foreign = !codes.isEmpty() && codes.stream().noneMatch(allCodes::contains);
        return new double[] {Math.log1p(total) / 3, total == 0 ? 1 : unknown / total, foreign ? 1 : 0, codes.isEmpty() ? 1 : 0};
    }

    private static double max(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
    }

    /** Lucene's scores per entry: the best wording document, the entry's prose, and their sum. */
    private record Ranked(Map<String, Double> total, Map<String, Double> wording, Map<String, Double> prose) {}

    private Ranked rank(String text) throws IOException {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        clauses += termClauses(q, Schema.CODE, text, tuning.codeBoost(), MAX_CLAUSES / 4);
        clauses += termClauses(q, Schema.OCR, text, tuning.ocrBoost(), MAX_CLAUSES / 2);
        clauses += termClauses(q, Schema.TITLE, text, tuning.titleBoost(), MAX_CLAUSES / 8);
        clauses += termClauses(q, Schema.PROSE, text, tuning.proseBoost(), MAX_CLAUSES / 8);
        int fuzzy = 0;
        for (String t : terms(analyzer, Schema.PROSE, text)) {
            if (fuzzy >= MAX_FUZZY) {
                break;
            }
            if (searcher.getIndexReader().docFreq(new Term(Schema.PROSE, t)) == 0) {
                // A word the KB does not have: its near spellings stand in for it, at a discount.
                for (String near : nearTerms(t)) {
                    q.add(new BoostQuery(new TermQuery(new Term(Schema.PROSE, near)), tuning.fuzzyBoost()),
                            BooleanClause.Occur.SHOULD);
                    fuzzy++;
                }
            }
        }
        Map<String, Double> wording = new HashMap<>();
        Map<String, Double> prose = new HashMap<>();
        if (clauses + fuzzy == 0) {
            return new Ranked(Map.of(), Map.of(), Map.of());
        }
        for (ScoreDoc sd : searcher.search(q.build(), CANDIDATE_DOCS).scoreDocs) {
            String id = docEntry[sd.doc];
            // A wording document only has wording fields and an entry document only prose, so
            // each score comes from one kind: keep the best wording, and the entry's prose.
            if (docIsWording[sd.doc]) {
                wording.merge(id, (double) sd.score, Math::max);
            } else {
                prose.put(id, (double) sd.score);
            }
        }
        Map<String, Double> sum = new HashMap<>(wording);
        prose.forEach((id, score) -> sum.merge(id, score, Double::sum));
        Map<String, Double> total = new LinkedHashMap<>();
        sum.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(CANDIDATE_ENTRIES)
                .forEach(e -> total.put(e.getKey(), e.getValue()));
        return new Ranked(total, wording, prose);
    }

    private static int maxEdits(String term) {
        return term.length() >= 8 ? 2 : 1;
    }

    /** One SHOULD clause per distinct analysed term the index knows; returns how many. */
    private int termClauses(BooleanQuery.Builder q, String field, String text, float boost, int max) throws IOException {
        int n = 0;
        for (String t : terms(analyzer, field, text)) {
            if (n >= max) {
                break;
            }
            Term term = new Term(field, t);
            if (searcher.getIndexReader().docFreq(term) > 0) {
                Query tq = new TermQuery(term);
                q.add(boost == 1f ? tq : new BoostQuery(tq, boost), BooleanClause.Occur.SHOULD);
                n++;
            }
        }
        return n;
    }

    /**
     * How nearly a known wording of the entry is found whole in the text: the best wording's
     * share of its (rarity-weighted) words found, scaled down for wordings too short or too common
     * to mean much on their own.
     */
    private double wordingSignal(Profile p, Set<String> queryWords) {
        double best = 0;
        for (Set<String> wording : p.wordings()) {
            double total = 0;
            double found = 0;
            for (String w : wording) {
                double weight = Math.log(1 + (double) wordingCount / wordingFrequency.getOrDefault(w, 1));
                total += weight;
                if (queryWords.contains(w)) {
                    found += weight;
                }
            }
            if (total > 0) {
                double share = found / total;
                double saturation = Math.min(1, total / WORDING_SATURATION);
                // Only a nearly whole wording counts: a few shared words are the prose signal's job.
                best = Math.max(best, share < 0.75 ? 0 : Math.pow(share, 3) * saturation);
            }
        }
        return best;
    }

    /**
     * How much of the text's informative words the entry speaks of, spelling slips (fuzzy) and OCR
     * look-alikes (folded, counted half) included: {share, matched weight, unmatched weight}.
     * Low for text about something else; the weights tell a one-word text from a real question.
     */
    private double[] coverage(TermSet vocabulary, TermSet folded, Map<String, Double> queryProse,
                              Map<String, Set<String>> foldedQuery) throws IOException {
        double total = 0;
        double found = 0;
        for (var e : queryProse.entrySet()) {
            String t = e.getKey();
            total += e.getValue();
            if (vocabulary.contains(t) || fuzzyIn(t, vocabulary)) {
                found += e.getValue();
            } else if (!folded.isEmpty() && !foldedQuery.get(t).isEmpty() && folded.containsAll(foldedQuery.get(t))) {
                found += e.getValue() / 2;
            }
        }
        return new double[] {total == 0 ? 0 : found / total, found, total - found};
    }

    /** The share of the entry's title words found in the text. */
    private double titleShare(Profile p, Map<String, Double> queryProse) {
        if (p.title().isEmpty()) {
            return 0;
        }
        return (double) p.title().stream().filter(queryProse::containsKey).count() / p.title().size();
    }

    private boolean fuzzyIn(String term, TermSet vocabulary) throws IOException {
        for (String near : nearTerms(term)) {
            if (vocabulary.contains(near)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Memo of {@link #nearTerms}: building a Levenshtein automaton is the costliest step of a
     * match, and the same unknown words come back across candidates and queries. Bounded: it is
     * emptied when full.
     */
    private final Map<String, List<String>> near = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int NEAR_MEMO = 50_000;

    /**
     * KB prose terms within a typo's reach of {@code term} (Levenshtein 1, or 2 for long words).
     * Only words: tokens with digits are addresses, ids and numbers, never misspelt words.
     */
    private List<String> nearTerms(String term) throws IOException {
        if (term.length() < 5 || proseTerms == null || !term.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        List<String> known = near.get(term);
        if (known != null) {
            return known;
        }
        List<String> out = new ArrayList<>();
        FuzzyTermsEnum fuzzy = new FuzzyTermsEnum(proseTerms, new Term(Schema.PROSE, term), maxEdits(term), 1, true);
        BytesRef b;
        while ((b = fuzzy.next()) != null) {
            out.add(b.utf8ToString());
        }
        if (near.size() >= NEAR_MEMO) {
            near.clear();
        }
        near.put(term, List.copyOf(out));
        return out;
    }


    /** The text's distinct prose terms, each weighted by its rarity across entries (unknown: rarest). */
    private Map<String, Double> weightedProse(String text) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        int n = kb.size();
        for (String t : terms(analyzer, Schema.PROSE, text)) {
            if (out.size() >= 400) {
                break;
            }
            int df = searcher.getIndexReader().docFreq(new Term(Schema.PROSE, t));
            out.put(t, Math.log(1 + (double) n / (df + 1)));
        }
        return out;
    }

    /** Entry evidence found in the text, each with the line it is on. */
    private static List<Match.Found> evidence(Entry entry, String evidenceText, String visible) {
        List<Match.Found> out = new ArrayList<>();
        for (Evidence ev : entry.evidence()) {
            Optional<String> hit = ev.find(evidenceText);
            hit.ifPresent(h -> out.add(new Match.Found(entry.id(), ev.label(), h.strip(), lineOf(visible, h))));
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
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile(
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
        var m = STATUS.matcher(text);
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            if (HTTP_ERRORS.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        return terms(analyzer, "", text);
    }

    static Set<String> terms(Analyzer analyzer, String field, String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
