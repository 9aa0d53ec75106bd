package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;

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
        // Evidence is looked for in every candidate Lucene found, and for small KBs in all, in KB
        // order: the scores do not depend on the order, and in KB order each term's facts over
        // the candidates were worked out once (see TermHits).
        Set<String> ids = index.size() <= CANDIDATE_ENTRIES ? index.kb.entries().keySet()
                : new LinkedHashSet<>(ranked.total().keySet());
        return new Found(ranked.total(), ranked.wording(), ranked.prose(), ids);
    }

    /**
     * The BM25 disjunction of the text's terms over the four fields, as Lucene would score a
     * boolean query of one boosted SHOULD clause per term (and per near spelling of a word the KB
     * lacks), summed from the per-term scores {@link EntryIndex} computed at load: the same top
     * documents and scores, without building and running a query per text.
     */
    private Found rank(Query query) {
        Scratch scratch = SCRATCH.get().ready(index.documents());
        int clauses = 0;
        clauses += termClauses(scratch, Schema.CODE, query.code(), tuning.codeBoost(), MAX_CLAUSES / 4);
        clauses += gramClauses(scratch, query.foldedWords(), tuning.ocrBoost(), MAX_CLAUSES / 2);
        // The title field is analysed as prose is (query.title() is query.prose()): each prose
        // term's scores in both fields and its near spellings' come from one lookup of the term.
        List<EntryIndex.ProseTerm> known = new ArrayList<>(query.prose().size());
        int at = 0;
        for (String t : query.prose()) {
            known.add(query.known(at++, t, index));
        }
        clauses += proseClauses(scratch, known, true, tuning.titleBoost(), MAX_CLAUSES / 8);
        clauses += proseClauses(scratch, known, false, tuning.proseBoost(), MAX_CLAUSES / 8);
        int fuzzy = 0;
        for (EntryIndex.ProseTerm k : known) {
            if (fuzzy >= MAX_FUZZY) {
                break;
            }
            if (k.docFreq() == 0) {
                // A word the KB does not have: its near spellings stand in for it, at a discount.
                for (EntryIndex.TermScores near : k.nearProse()) {
                    scratch.add(near, tuning.fuzzyBoost());
                    fuzzy++;
                }
            }
        }
        if (clauses + fuzzy == 0) {
            scratch.clear();
            return new Found(Map.of(), Map.of(), Map.of(), Set.of());
        }
        // Summed per entry ordinal in the thread's arrays: a map merge per hit boxed every score.
        PerEntry sums = scratch.perEntry(index.size());
        for (long key : scratch.top(CANDIDATE_DOCS)) {
            int doc = (int) key;
            double score = Float.intBitsToFloat(Integer.MAX_VALUE - (int) (key >>> 32));
            // A wording document only has wording fields and an entry document only prose, so
            // each score comes from one kind: keep the best wording, and the entry's prose.
            sums.add(index.docOrdinal[doc], index.docIsWording[doc], score);
        }
        Map<String, Double> wording = new HashMap<>(sums.count * 4 / 3 + 1);
        Map<String, Double> prose = new HashMap<>(sums.count * 4 / 3 + 1);
        Integer[] hit = new Integer[sums.count];
        double[] sum = sums.sum;
        for (int i = 0; i < sums.count; i++) {
            int o = sums.touched[i];
            hit[i] = o;
            String id = index.entryIds[o];
            if (sums.hasWording[o]) {
                wording.put(id, sums.wording[o]);
            }
            if (sums.hasProse[o]) {
                prose.put(id, sums.prose[o]);
            }
            sum[o] = sums.hasWording[o] && sums.hasProse[o] ? sums.wording[o] + sums.prose[o]
                    : sums.hasWording[o] ? sums.wording[o] : sums.prose[o];
        }
        sums.clear();
        java.util.Arrays.sort(hit, (a, b) -> {
            int c = Double.compare(sum[b], sum[a]);
            return c != 0 ? c : index.entryIds[a].compareTo(index.entryIds[b]);
        });
        Map<String, Double> total = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(hit.length, CANDIDATE_ENTRIES); i++) {
            total.put(index.entryIds[hit[i]], sum[hit[i]]);
        }
        return new Found(total, wording, prose, Set.of());
    }

    /** One clause per distinct analysed term the index knows; returns how many. */
    private int termClauses(Scratch scratch, String field, Set<String> terms, float boost, int max) {
        int n = 0;
        for (String t : terms) {
            if (n >= max) {
                break;
            }
            EntryIndex.TermScores ts = index.termScores(field, t);
            if (ts != null) {
                scratch.add(ts, boost);
                n++;
            }
        }
        return n;
    }

    /** {@link #termClauses} over the title or the prose field for terms already looked up. */
    private static int proseClauses(Scratch scratch, List<EntryIndex.ProseTerm> terms, boolean title, float boost, int max) {
        int n = 0;
        for (EntryIndex.ProseTerm k : terms) {
            if (n >= max) {
                break;
            }
            EntryIndex.TermScores ts = title ? k.title() : k.prose();
            if (ts != null) {
                scratch.add(ts, boost);
                n++;
            }
        }
        return n;
    }

    /**
     * The OCR field's clauses: {@link #termClauses} over the trigrams of the text's folded words
     * ({@link Query#ocr}), in the same order, each word's known grams looked up once per word.
     */
    private static int gramClauses(Scratch scratch, EntryIndex.FoldedWord[] words, float boost, int max) {
        int n = 0;
        scratch.newSighting();
        for (EntryIndex.FoldedWord w : words) {
            for (EntryIndex.TermScores ts : w.grams()) {
                if (n >= max) {
                    return n;
                }
                // A gram two words share is one clause, as in the text's set of grams.
                if (scratch.firstSight(ts.ordinal())) {
                    scratch.add(ts, boost);
                    n++;
                }
            }
        }
        return n;
    }

    /** Per entry ordinal: its best wording document's score and its prose score, for the documents of one text. */
    private static final class PerEntry {
        double[] wording = new double[0];
        double[] prose = new double[0];
        /** Wording plus prose, filled when the text's documents are all added. */
        double[] sum = new double[0];
        boolean[] hasWording = new boolean[0];
        boolean[] hasProse = new boolean[0];
        int[] touched = new int[0];
        int count;

        PerEntry ready(int entries) {
            if (wording.length < entries) {
                wording = new double[entries];
                prose = new double[entries];
                sum = new double[entries];
                hasWording = new boolean[entries];
                hasProse = new boolean[entries];
                touched = new int[entries];
            }
            return this;
        }

        void add(int ordinal, boolean isWording, double score) {
            if (!hasWording[ordinal] && !hasProse[ordinal]) {
                touched[count++] = ordinal;
            }
            if (isWording) {
                wording[ordinal] = hasWording[ordinal] ? Math.max(wording[ordinal], score) : score;
                hasWording[ordinal] = true;
            } else {
                prose[ordinal] = score;
                hasProse[ordinal] = true;
            }
        }

        void clear() {
            for (int i = 0; i < count; i++) {
                hasWording[touched[i]] = false;
                hasProse[touched[i]] = false;
            }
            count = 0;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per-document score sums of one text, reused by the thread's next text: only the documents
     * touched are reset, so a text costs its postings, not the index's size.
     */
    private static final class Scratch {
        private double[] score = new double[0];
        private int[] touched = new int[0];
        private int count;
        /** Per term ordinal, the sighting it was last seen in: no clearing between texts. */
        private int[] seen = new int[0];
        private int sighting;

        void newSighting() {
            if (++sighting == Integer.MAX_VALUE) {
                java.util.Arrays.fill(seen, 0);
                sighting = 1;
            }
        }

        /** Whether term {@code ordinal} is seen for the first time in this sighting. */
        boolean firstSight(int ordinal) {
            if (ordinal >= seen.length) {
                seen = java.util.Arrays.copyOf(seen, Math.max(ordinal + 1, seen.length * 2));
            }
            if (seen[ordinal] == sighting) {
                return false;
            }
            seen[ordinal] = sighting;
            return true;
        }

        Scratch ready(int documents) {
            if (score.length < documents) {
                score = new double[documents];
                touched = new int[documents];
            }
            count = 0;
            return this;
        }

        void add(EntryIndex.TermScores ts, float boost) {
            int[] docs = ts.docs();
            float[] scores = ts.scores();
            for (int i = 0; i < docs.length; i++) {
                int d = docs[i];
                if (score[d] == 0) {
                    touched[count++] = d;
                }
                // Lucene applies a clause's boost inside the BM25 weight, in float.
                score[d] += boost == 1f ? scores[i] : boost * scores[i];
            }
        }

        /**
         * The best {@code limit} documents as keys that sort best first, ties by document number
         * as Lucene's collector orders them: the float score's bits (inverted) above the document.
         * The keys come in no particular order (the per-entry sums do not depend on it), so the
         * best are selected rather than all sorted. Resets the sums.
         */
        long[] top(int limit) {
            long[] keys = new long[count];
            for (int i = 0; i < count; i++) {
                int d = touched[i];
                float f = (float) score[d];
                keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(f)) << 32) | d;
                score[d] = 0;
            }
            count = 0;
            if (keys.length <= limit) {
                return keys;
            }
            new KeySelector(keys).select(0, keys.length, limit - 1);
            return java.util.Arrays.copyOf(keys, limit);
        }

        /** Moves the smallest keys to the front (Lucene's introselect over a long array). */
        private static final class KeySelector extends org.apache.lucene.util.IntroSelector {
            private final long[] keys;
            private long pivot;

            KeySelector(long[] keys) {
                this.keys = keys;
            }

            @Override
            protected void swap(int i, int j) {
                long t = keys[i];
                keys[i] = keys[j];
                keys[j] = t;
            }

            @Override
            protected void setPivot(int i) {
                pivot = keys[i];
            }

            @Override
            protected int comparePivot(int j) {
                return Long.compare(pivot, keys[j]);
            }
        }

        private final PerEntry perEntry = new PerEntry();

        PerEntry perEntry(int entries) {
            return perEntry.ready(entries);
        }

        void clear() {
            for (int i = 0; i < count; i++) {
                score[touched[i]] = 0;
            }
            count = 0;
        }
    }

}
