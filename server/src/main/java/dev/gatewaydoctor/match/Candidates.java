package dev.gatewaydoctor.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * Candidate generation: Lucene's BM25 over the four fields of {@link Schema} finds the entries a
 * text may be about (for small KBs every entry is a candidate anyway), and gives each its scores
 * — the best wording document, the entry's prose, and their sum — which the signals scale.
 */
final class Candidates {

    /** How many texts' worth of terms one query may hold; bounds work for any input. */
    static final int MAX_CLAUSES = 4096;
    static final int MAX_FUZZY = 48;
    private static final int CANDIDATE_DOCS = 400;
    static final int CANDIDATE_ENTRIES = 50;

    /**
     * The candidates of one text.
     *
     * @param total Lucene's score per entry (best wording plus prose), best first, at most {@value #CANDIDATE_ENTRIES}
     * @param ids the candidate entries in the order they are scored
     */
    record Found(Map<String, Double> total, Map<String, Double> wording, Map<String, Double> prose, Set<String> ids) {
        double maxTotal() {
            return max(total);
        }

        double maxWording() {
            return max(wording);
        }

        double maxProse() {
            return max(prose);
        }

        /** The entry Lucene ranks first ("" when it found none). */
        String top() {
            return total.isEmpty() ? "" : total.keySet().iterator().next();
        }

        static double max(Map<String, Double> m) {
            return m.values().stream().mapToDouble(Double::doubleValue).max().orElse(1.0);
        }
    }

    private final EntryIndex index;
    private final Tuning tuning;

    Candidates(EntryIndex index, Tuning tuning) {
        this.index = index;
        this.tuning = tuning;
        IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), MAX_CLAUSES + MAX_FUZZY + 16));
    }

    Found find(Query query) {
        Found ranked = rank(query);
        Set<String> ids = new LinkedHashSet<>(ranked.total().keySet());
        // Evidence is looked for in every candidate Lucene found, and for small KBs in all.
        if (index.size() <= CANDIDATE_ENTRIES) {
            ids.addAll(index.kb.entries().keySet());
        }
        return new Found(ranked.total(), ranked.wording(), ranked.prose(), ids);
    }

    private Found rank(Query query) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        clauses += termClauses(q, Schema.CODE, query.code(), tuning.codeBoost(), MAX_CLAUSES / 4);
        clauses += termClauses(q, Schema.OCR, query.ocr(), tuning.ocrBoost(), MAX_CLAUSES / 2);
        clauses += termClauses(q, Schema.TITLE, query.title(), tuning.titleBoost(), MAX_CLAUSES / 8);
        clauses += termClauses(q, Schema.PROSE, query.prose(), tuning.proseBoost(), MAX_CLAUSES / 8);
        int fuzzy = 0;
        for (String t : query.prose()) {
            if (fuzzy >= MAX_FUZZY) {
                break;
            }
            if (index.docFreq(Schema.PROSE, t) == 0) {
                // A word the KB does not have: its near spellings stand in for it, at a discount.
                for (String near : index.nearTerms(t)) {
                    q.add(new BoostQuery(index.termQuery(Schema.PROSE, near), tuning.fuzzyBoost()),
                            BooleanClause.Occur.SHOULD);
                    fuzzy++;
                }
            }
        }
        if (clauses + fuzzy == 0) {
            return new Found(Map.of(), Map.of(), Map.of(), Set.of());
        }
        Map<String, Double> wording = new HashMap<>();
        Map<String, Double> prose = new HashMap<>();
        try {
            for (ScoreDoc sd : index.searcher.search(q.build(), CANDIDATE_DOCS).scoreDocs) {
                String id = index.docEntry[sd.doc];
                // A wording document only has wording fields and an entry document only prose, so
                // each score comes from one kind: keep the best wording, and the entry's prose.
                if (index.docIsWording[sd.doc]) {
                    wording.merge(id, (double) sd.score, Math::max);
                } else {
                    prose.put(id, (double) sd.score);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory index failed", e);
        }
        Map<String, Double> sum = new HashMap<>(wording);
        prose.forEach((id, score) -> sum.merge(id, score, Double::sum));
        Map<String, Double> total = new LinkedHashMap<>();
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(sum.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        sorted.stream().limit(CANDIDATE_ENTRIES).forEach(e -> total.put(e.getKey(), e.getValue()));
        return new Found(total, wording, prose, Set.of());
    }

    /** One SHOULD clause per distinct analysed term the index knows; returns how many. */
    private int termClauses(BooleanQuery.Builder q, String field, Set<String> terms, float boost, int max) {
        int n = 0;
        for (String t : terms) {
            if (n >= max) {
                break;
            }
            if (index.docFreq(field, t) > 0) {
                TermQuery tq = index.termQuery(field, t);
                q.add(boost == 1f ? tq : new BoostQuery(tq, boost), BooleanClause.Occur.SHOULD);
                n++;
            }
        }
        return n;
    }
}
