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
import org.apache.lucene.search.FuzzyQuery;
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

    /** Tuning, with the values chosen on the dev set (see the README's matcher figures). */
    public record Tuning(
            double threshold,
            float codeBoost,
            float ocrBoost,
            float proseBoost,
            float titleBoost,
            float fuzzyBoost,
            double evidenceRankBoost,
            double evidenceConfidence,
            double codeMismatchFactor,
            double wordingSaturation) {

        public static Tuning defaults() {
            return new Tuning(0.5, 1.0f, 0.25f, 1.0f, 1.5f, 0.6f, 1.0, 0.7, 0.3, 4.0);
        }

        public Tuning withThreshold(double t) {
            return new Tuning(t, codeBoost, ocrBoost, proseBoost, titleBoost, fuzzyBoost,
                    evidenceRankBoost, evidenceConfidence, codeMismatchFactor, wordingSaturation);
        }
    }

    /** How many texts' worth of terms one query may hold; bounds work for any input. */
    private static final int MAX_CLAUSES = 4096;
    private static final int MAX_FUZZY = 48;
    private static final int CANDIDATE_DOCS = 400;
    private static final int CANDIDATE_ENTRIES = 50;

    private final Kb kb;
    private final Tuning tuning;
    private final Analyzer analyzer = Schema.analyzer();
    private final Analyzer words = new Schema.OcrAnalyzer(false);
    private final IndexSearcher searcher;
    private final Terms proseTerms;
    private final Map<String, Profile> profiles;
    /** In how many wordings each folded word occurs: rare words weigh more. */
    private final Map<String, Integer> wordingFrequency;
    private final int wordingCount;

    /** What confidence needs to know of one entry, derived once at build. */
    private record Profile(Entry entry, Set<String> prose, Set<String> folded, List<Set<String>> wordings, Set<Integer> codes) {}

    private Matcher(Kb kb, Tuning tuning) {
        this.kb = kb;
        this.tuning = tuning;
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), MAX_CLAUSES + MAX_FUZZY + 16));
        try {
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            Map<String, Profile> built = new LinkedHashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
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
                    built.put(entry.id(), new Profile(entry, terms(analyzer, Schema.PROSE, prose),
                            terms(words, prose), wordings, Set.copyOf(entry.codes())));
                }
            }
            DirectoryReader reader = DirectoryReader.open(dir);
            this.searcher = new IndexSearcher(reader);
            this.proseTerms = MultiTerms.getTerms(reader, Schema.PROSE);
            this.profiles = Map.copyOf(built);
            this.wordingFrequency = Map.copyOf(frequency);
            this.wordingCount = Math.max(1, count);
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

    /** Matches a text; {@code limit} caps the candidates returned. */
    public Match match(String text, int limit) {
        PastedText pasted = PastedText.of(text);
        String visible = pasted.visible();
        try {
            Map<String, Double> rank = rank(visible);
            // Evidence is looked for in every candidate Lucene found, and for small KBs in all.
            Set<String> candidates = new LinkedHashSet<>(rank.keySet());
            if (kb.size() <= CANDIDATE_ENTRIES) {
                candidates.addAll(kb.entries().keySet());
            }
            String evidenceText = pasted.forEvidence();
            Set<Integer> codes = statusCodes(visible);
            Set<String> queryWords = terms(words, visible);
            Map<String, Double> queryProse = weightedProse(visible);

            List<Found> found = new ArrayList<>();
            List<Scored> scored = new ArrayList<>();
            for (String id : candidates) {
                Profile p = profiles.get(id);
                List<Match.Found> hits = evidence(p.entry(), evidenceText, visible);
                found.addAll(hits.stream().map(h -> new Found(id, h)).toList());
                double lucene = rank.getOrDefault(id, 0.0) * (1 + tuning.evidenceRankBoost() * Math.min(2, hits.size()));
                boolean mismatch = !codes.isEmpty() && !p.codes().isEmpty() && codes.stream().noneMatch(p.codes()::contains);
                double wording = wordingSignal(p, queryWords);
                double coverage = coverage(p, queryProse);
                double evidence = 1 - Math.pow(1 - tuning.evidenceConfidence(), hits.size());
                double confidence = 1 - (1 - wording) * (1 - coverage) * (1 - evidence);
                if (mismatch) {
                    confidence *= tuning.codeMismatchFactor();
                    lucene *= tuning.codeMismatchFactor();
                }
                if (lucene > 0 || confidence > 0) {
                    scored.add(new Scored(p.entry(), lucene, confidence));
                }
            }
            double top = scored.stream().mapToDouble(Scored::lucene).max().orElse(0);
            List<Match.Candidate> results = scored.stream()
                    .map(s -> new Match.Candidate(s.entry().id(), s.entry().title(),
                            round(s.confidence() * (top <= 0 ? 1 : 0.6 + 0.4 * s.lucene() / top))))
                    .sorted(Comparator.comparingDouble(Match.Candidate::score).reversed()
                            .thenComparing(Match.Candidate::id))
                    .filter(c -> c.score() > 0)
                    .limit(Math.max(1, limit))
                    .toList();
            double confidence = results.isEmpty() ? 0 : results.get(0).score();
            Set<String> shown = new HashSet<>();
            results.forEach(r -> shown.add(r.id()));
            List<Match.Found> evidence = found.stream().filter(f -> shown.contains(f.entry())).map(Found::found).toList();
            return new Match(confidence >= tuning.threshold(), confidence, results, evidence, visible);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index failed", e);
        }
    }

    private record Scored(Entry entry, double lucene, double confidence) {}

    private record Found(String entry, Match.Found found) {}

    /** Lucene's view: summed best-wording and prose scores per entry. */
    private Map<String, Double> rank(String text) throws IOException {
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
            if (t.length() >= 5 && searcher.getIndexReader().docFreq(new Term(Schema.PROSE, t)) == 0) {
                q.add(new BoostQuery(new FuzzyQuery(new Term(Schema.PROSE, t), maxEdits(t), 1, 20, true),
                        tuning.fuzzyBoost()), BooleanClause.Occur.SHOULD);
                fuzzy++;
            }
        }
        Map<String, Double> best = new HashMap<>();
        Map<String, Double> prose = new HashMap<>();
        if (clauses + fuzzy == 0) {
            return Map.of();
        }
        for (ScoreDoc sd : searcher.search(q.build(), CANDIDATE_DOCS).scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc, Set.of(Schema.ID, Schema.KIND));
            // A wording document only has wording fields and an entry document only prose, so
            // each score comes from one kind: keep the best wording, add the entry's prose.
            if (Schema.KIND_VARIANT.equals(d.get(Schema.KIND))) {
                best.merge(d.get(Schema.ID), (double) sd.score, Math::max);
            } else {
                prose.put(d.get(Schema.ID), (double) sd.score);
            }
        }
        prose.forEach((id, score) -> best.merge(id, score, Double::sum));
        Map<String, Double> out = new LinkedHashMap<>();
        best.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(CANDIDATE_ENTRIES)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
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
                double saturation = Math.min(1, total / tuning.wordingSaturation());
                // Only a nearly whole wording counts: a few shared words are the prose signal's job.
                best = Math.max(best, share < 0.75 ? 0 : Math.pow(share, 3) * saturation);
            }
        }
        return best;
    }

    /**
     * The rarity-weighted share of the text's informative words that the entry speaks of, spelling
     * slips (fuzzy) and OCR look-alikes (folded) included. Low for text about something else.
     */
    private double coverage(Profile p, Map<String, Double> queryProse) throws IOException {
        double total = 0;
        double found = 0;
        for (var e : queryProse.entrySet()) {
            String t = e.getKey();
            total += e.getValue();
            if (p.prose().contains(t) || fuzzyIn(t, p.prose()) || foldedIn(t, p.folded())) {
                found += e.getValue();
            }
        }
        return total == 0 ? 0 : found / total;
    }

    private boolean fuzzyIn(String term, Set<String> vocabulary) throws IOException {
        if (term.length() < 5 || proseTerms == null) {
            return false;
        }
        FuzzyTermsEnum fuzzy = new FuzzyTermsEnum(proseTerms, new Term(Schema.PROSE, term), maxEdits(term), 1, true);
        BytesRef b;
        while ((b = fuzzy.next()) != null) {
            if (vocabulary.contains(b.utf8ToString())) {
                return true;
            }
        }
        return false;
    }

    private boolean foldedIn(String term, Set<String> folded) {
        Set<String> f = terms(words, term);
        return !f.isEmpty() && folded.containsAll(f);
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
