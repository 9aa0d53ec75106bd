package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Markdown;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import dev.gatewaydoctor.memo.BoundedMemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * A KB made ready for matching, built once and then immutable (safe to share between threads):
 * the in-memory Lucene index of {@link Schema}, and everything a query would otherwise look up
 * term by term — document frequencies per field, per-entry term sets, wording weights, compiled
 * evidence — so the request path does map lookups instead of index seeks.
 */
final class EntryIndex {

    /** What the signals need to know of one entry, derived once at build. */
    record Profile(Entry entry, TermSet prose, TermSet folded, List<Wording> wordings, Set<Integer> codes,
                   Set<String> title, TermSet focus, List<CompiledEvidence> evidence) {}

    /**
     * One known wording as folded words, each with its rarity weight across all wordings (rare words
     * weigh more), in the wording's word order.
     */
    record Wording(String[] words, int[] ids, double[] weights) {}

    /** Every word of every wording, numbered: a text's words become a bit set over these numbers. */
    final Map<String, Integer> wordingWords;
    /** Near spellings of the wording words (see {@link #nearWordingWords}). */
    private final NearSpellings wordingSpellings;

    final Kb kb;
    final Analyzer analyzer = Schema.analyzer();
    /** The prose of the texts matched: {@link #analyzer}'s with the KB's glossary applied. */
    final Analyzer queryProse;
    /** Whole folded words, for OCR-tolerant word checks. */
    final Analyzer words = new Schema.OcrAnalyzer(false);
    /** The same with single characters kept: the pieces a broken word may be read back from. */
    final Analyzer pieces = new Schema.OcrAnalyzer(false, 1);
    final IndexSearcher searcher;
    /** Entry id and kind by document number, so hits are mapped without touching stored fields. */
    final String[] docEntry;
    final boolean[] docIsWording;
    /** Entry ordinal (position in {@code kb.list()}) by document number, so hits are summed in arrays. */
    final int[] docOrdinal;
    /** Entry id by ordinal. */
    final String[] entryIds;
    final Map<String, Profile> profiles;
    /** Every prose term, folded word and status code of the KB. */
    final TermSet allProse;
    final TermSet allFolded;
    final Set<Integer> allCodes;
    /** Each entry's look-alike patterns ({@link Entry#unlike}), compiled; and every entry's, for the text-level signal. */
    final Map<String, List<CompiledEvidence>> unlike;
    final List<CompiledEvidence> allUnlike;
    /**
     * Inverted term lists: for each prose term, the ordinals (positions in {@code kb.list()}) of the
     * entries whose prose has it, and likewise for focus terms and OCR-folded words. See {@link TermHits}.
     */
    final Map<String, int[]> proseEntries;
    final Map<String, int[]> focusEntries;
    final Map<String, int[]> foldedEntries;
    private final Map<String, Integer> ordinals;
    /** Per thread: entry ordinal to candidate slot (-1 when not a candidate), reset after each use. */
    private final ThreadLocal<int[]> slotScratch;
    /** In how many entries' focus each prose term occurs. */
    final Map<String, Integer> focusFrequency;
    /** Every indexed term's statistics and scores, per field: read once from the index. */
    private final Map<String, Map<String, IndexedTerm>> terms;
    /** Near spellings of the prose field's terms (see {@link #nearTerms}). */
    private final NearSpellings nearSpellings;

    /** Memo of {@link #nearTerms}: the same unknown words come back across queries. Bounded: emptied when full. */
    private final BoundedMemo<List<String>> near = new BoundedMemo<>(NEAR_MEMO, Query.MAX_TERM);
    private static final int NEAR_MEMO = 50_000;

    /**
     * Every distinct evidence and look-alike pattern, numbered as entries are compiled (on all
     * cores): a text runs each at most once however many entries share it.
     */
    final Patterns patterns = new Patterns();

    /** Whether this index was read from a previous build's copy ({@link IndexCache}) rather than built. */
    final boolean fromCache;

    EntryIndex(Kb kb) {
        this(kb, Optional.empty());
    }

    /**
     * @param dataFolder where a large KB's analysed index is kept between starts ({@link IndexCache});
     *     empty to always build it
     */
    EntryIndex(Kb kb, Optional<Path> dataFolder) {
        this.kb = kb;
        this.queryProse = Schema.queryProse(kb.glossary().synonyms());
        try {
            List<Entry> list = kb.list();
            Map<String, String> pool = new ConcurrentHashMap<>();
            Optional<IndexCache> cache = IndexCache.of(dataFolder, list, this);
            Optional<IndexCache.Loaded> loaded = cache.flatMap(c -> c.read(list));
            org.apache.lucene.store.ByteBuffersDirectory dir;
            List<Parts> parts;
            Optional<IndexCache> toWrite = Optional.empty();
            this.fromCache = loaded.isPresent();
            if (loaded.isPresent()) {
                dir = loaded.get().lucene();
                List<IndexCache.EntryTerms> terms = loaded.get().terms();
                parts = java.util.stream.IntStream.range(0, list.size()).parallel()
                        .mapToObj(i -> cachedParts(list.get(i), terms.get(i))).toList();
            } else {
                dir = new org.apache.lucene.store.ByteBuffersDirectory();
                parts = build(list, dir, pool);
                toWrite = cache;
            }
            Map<String, Profile> built = new LinkedHashMap<>();
            Map<String, List<List<String>>> wordingsOf = new LinkedHashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
            int count = 0;
            for (Parts part : parts) {
                built.put(part.profile().entry().id(), part.profile());
                wordingsOf.put(part.profile().entry().id(), part.wordings());
                for (List<String> w : part.wordings()) {
                    w.forEach(t -> frequency.merge(t, 1, Integer::sum));
                    count++;
                }
            }
            // Wording weights need every wording's words counted first.
            int wordingCount = Math.max(1, count);
            Map<String, Integer> wordIds = new HashMap<>();
            for (var e : built.entrySet()) {
                List<Wording> ws = new ArrayList<>();
                for (List<String> w : wordingsOf.get(e.getKey())) {
                    String[] a = w.stream().map(t -> pool.computeIfAbsent(t, k -> k)).toArray(String[]::new);
                    double[] weights = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        weights[i] = Math.log(1 + (double) wordingCount / frequency.getOrDefault(a[i], 1));
                    }
                    int[] ids = new int[a.length];
                    for (int i = 0; i < a.length; i++) {
                        ids[i] = wordIds.computeIfAbsent(a[i], k -> wordIds.size());
                    }
                    ws.add(new Wording(a, ids, weights));
                }
                Profile p = e.getValue();
                e.setValue(new Profile(p.entry(), p.prose(), p.folded(), List.copyOf(ws), p.codes(), p.title(), p.focus(), p.evidence()));
            }
            this.wordingWords = Map.copyOf(wordIds);
            this.wordingSpellings = new NearSpellings(wordIds.keySet());
            DirectoryReader reader = DirectoryReader.open(dir);
            this.searcher = new IndexSearcher(reader);
            this.docEntry = new String[reader.maxDoc()];
            if (loaded.isPresent()) {
                // What the stored fields said when the copy was written: read from them, 10,000
                // entries' 60,000 documents took over half a second of a warm start.
                int[] ordinal = loaded.get().docs().ordinal();
                if (ordinal.length != reader.maxDoc()) {
                    throw new IOException("the kept index has " + reader.maxDoc() + " documents, its list " + ordinal.length);
                }
                for (int doc = 0; doc < ordinal.length; doc++) {
                    docEntry[doc] = list.get(ordinal[doc]).id();
                }
                this.docIsWording = loaded.get().docs().wording();
            } else {
                this.docIsWording = new boolean[reader.maxDoc()];
                var stored = reader.storedFields();
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    Document d = stored.document(doc, Set.of(Schema.ID, Schema.KIND));
                    docEntry[doc] = d.get(Schema.ID);
                    docIsWording[doc] = Schema.KIND_VARIANT.equals(d.get(Schema.KIND));
                }
            }
            Terms proseTerms = MultiTerms.getTerms(reader, Schema.PROSE);
            List<String> proseVocabulary = new ArrayList<>();
            if (proseTerms != null) {
                TermsEnum te = proseTerms.iterator();
                for (BytesRef b = te.next(); b != null; b = te.next()) {
                    proseVocabulary.add(b.utf8ToString());
                }
            }
            this.nearSpellings = new NearSpellings(proseVocabulary);
            Map<String, Map<String, IndexedTerm>> indexed = new ConcurrentHashMap<>();
            List.of(Schema.CODE, Schema.OCR, Schema.PROSE, Schema.TITLE).parallelStream().forEach(field -> {
                try {
                    indexed.put(field, indexedTerms(searcher, field, pool));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            this.terms = Map.copyOf(indexed);
            if (list.size() < IndexCache.MIN_ENTRIES) {
                // A small KB scores every term now (well under a second), so no query pays for one.
                // A large one has hundreds of thousands, most of which no text ever brings: each is
                // scored the first time a text has it, and a start does not wait for the rest.
                this.terms.forEach((field, byTerm) -> byTerm.keySet().parallelStream().forEach(t -> termScores(field, t)));
            }
            this.profiles = Map.copyOf(built);
            Map<String, List<CompiledEvidence>> un = new HashMap<>();
            List<CompiledEvidence> allUn = new ArrayList<>();
            for (Entry entry : kb.list()) {
                List<CompiledEvidence> c = entry.unlike().stream().map(ev -> new CompiledEvidence(ev, patterns)).toList();
                un.put(entry.id(), c);
                allUn.addAll(c);
            }
            this.unlike = Map.copyOf(un);
            this.allUnlike = List.copyOf(allUn);
            Map<String, Integer> ord = new HashMap<>();
            List<TermSet> prose = new ArrayList<>();
            List<TermSet> focus = new ArrayList<>();
            List<TermSet> folded = new ArrayList<>();
            Set<Integer> ac = new HashSet<>();
            for (Entry entry : kb.list()) {
                ord.put(entry.id(), ord.size());
                Profile p = built.get(entry.id());
                prose.add(p.prose());
                focus.add(p.focus());
                folded.add(p.folded());
                ac.addAll(p.codes());
            }
            this.ordinals = Map.copyOf(ord);
            this.entryIds = kb.list().stream().map(Entry::id).toArray(String[]::new);
            this.docOrdinal = new int[docEntry.length];
            for (int doc = 0; doc < docEntry.length; doc++) {
                docOrdinal[doc] = ord.get(docEntry[doc]);
            }
            List<Parts> allParts = parts;
            toWrite.ifPresent(c -> c.write(dir, allParts.stream().map(EntryIndex::termsOf).toList(), list,
                    new IndexCache.Docs(docOrdinal, docIsWording)));
            List<Map<String, int[]>> lists = List.of(prose, focus, folded).parallelStream().map(EntryIndex::inverted).toList();
            this.proseEntries = lists.get(0);
            this.focusEntries = lists.get(1);
            this.foldedEntries = lists.get(2);
            int entries = ord.size();
            this.slotScratch = ThreadLocal.withInitial(() -> {
                int[] a = new int[entries];
                java.util.Arrays.fill(a, -1);
                return a;
            });
            // An entry's focus is a set, so a focus term's frequency is the length of its list.
            Map<String, Integer> ff = new HashMap<>();
            focusEntries.forEach((t, l) -> ff.put(t, l.length));
            this.focusFrequency = java.util.Collections.unmodifiableMap(ff);
            this.allProse = TermSet.of(proseEntries.keySet(), pool);
            this.allFolded = TermSet.of(foldedEntries.keySet(), pool);
            this.allCodes = Set.copyOf(ac);
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory index failed", e);
        }
    }

    /**
     * What one entry contributes, computed apart from the others (in parallel): its profile, its
     * wordings' words, and the tokens of its documents for the writer.
     */
    private record Parts(Profile profile, List<List<String>> wordings, Documents documents) {}

    /** An entry's documents as captured token streams: the entry document, then one per wording. */
    private record Documents(Tokens prose, Tokens title, List<Tokens> code, List<Tokens> words) {}

    /**
     * Each entry is analysed once, on all cores: its term sets and the token streams of its
     * documents come from the same pass. One writer thread (this one) then indexes the captured
     * tokens in KB order (so document numbers are the same on every build) as entries become ready.
     */
    private List<Parts> build(List<Entry> list, org.apache.lucene.store.Directory dir, Map<String, String> pool)
            throws IOException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), list.size()));
        java.util.concurrent.ExecutorService analysts = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kb-index-analysis");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Parts>> futures = new ArrayList<>(list.size());
            for (Entry entry : list) {
                futures.add(analysts.submit(() -> parts(entry, pool)));
            }
            List<Parts> parts = new ArrayList<>(list.size());
            write(dir, futures, parts);
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing the KB", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("indexing the KB failed", e.getCause());
        } finally {
            analysts.shutdownNow();
        }
    }

    /** An entry's part from the terms a previous build kept ({@link IndexCache}). */
    private Parts cachedParts(Entry entry, IndexCache.EntryTerms t) {
        Profile profile = new Profile(entry, TermSet.ofSorted(t.prose()), TermSet.ofSorted(t.folded()), List.of(),
                Set.copyOf(entry.codes()), IndexCache.titleSet(t.title()), TermSet.ofSorted(t.focus()),
                entry.evidence().stream().map(ev -> new CompiledEvidence(ev, patterns)).toList());
        return new Parts(profile, t.wordings(), null);
    }

    private static IndexCache.EntryTerms termsOf(Parts p) {
        Profile f = p.profile();
        return new IndexCache.EntryTerms(f.prose().terms(), f.folded().terms(), List.copyOf(f.title()), f.focus().terms(),
                p.wordings());
    }

    private Parts parts(Entry entry, Map<String, String> pool) {
        // An entry's prose is its focus (head and wordings) followed by its nodes, each part on
        // lines of its own: no token and no character mapping spans the line break between them, so
        // analysing the parts apart and joining the tokens gives what analysing the whole gives.
        List<List<String>> wordings = new ArrayList<>();
        List<Tokens> code = new ArrayList<>();
        List<Tokens> variantWords = new ArrayList<>();
        Set<String> folded = new HashSet<>();
        for (String variant : entry.variants()) {
            Tokens w = Tokens.of(words, "", variant);
            variantWords.add(w);
            wordings.add(w.distinct());
            folded.addAll(w.distinct());
            code.add(Tokens.of(analyzer, Schema.CODE, variant));
        }
        String head = headOf(entry);
        String nodes = nodesOf(entry);
        folded.addAll(terms(words, head));
        folded.addAll(terms(words, nodes));
        Tokens focus = Tokens.of(analyzer, Schema.PROSE, focusOf(entry));
        Tokens proseTokens = Tokens.concat(focus, Tokens.of(analyzer, Schema.PROSE, nodes));
        Profile profile = new Profile(entry, TermSet.of(proseTokens.distinct(), pool),
                TermSet.of(folded, pool), List.of(), Set.copyOf(entry.codes()),
                terms(analyzer, Schema.PROSE, entry.title()),
                TermSet.of(focus.distinct(), pool),
                entry.evidence().stream().map(ev -> new CompiledEvidence(ev, patterns)).toList());
        Tokens title = Tokens.of(analyzer, Schema.TITLE, entry.title() + "\n" + String.join(" ", entry.tags()));
        return new Parts(profile, wordings, new Documents(proseTokens, title, code, variantWords));
    }

    /**
     * Indexed with document frequencies, term frequencies and norms only: BM25 needs no positions,
     * and no query of the matcher reads them.
     */
    private static final org.apache.lucene.document.FieldType COUNTED = counted();

    private static org.apache.lucene.document.FieldType counted() {
        org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType();
        t.setTokenized(true);
        t.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS);
        t.freeze();
        return t;
    }

    /**
     * One entry document (prose, title) and one document per wording, in KB order, each from the
     * tokens its entry's analysis captured (the OCR field's trigrams are cut from the wording's words
     * by the OCR analyzer's own filter). Fills {@code parts} in KB order.
     */
    private void write(org.apache.lucene.store.Directory dir, List<java.util.concurrent.Future<Parts>> futures, List<Parts> parts)
            throws IOException, InterruptedException, java.util.concurrent.ExecutionException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        // One segment for a KB that fits the buffer: flushing and merging many small segments was a
        // third of the writer's time on a KB of 10,000 entries. Bounded by the heap it builds in.
        config.setRAMBufferSizeMB(Math.max(16, Math.min(256, Runtime.getRuntime().maxMemory() / 6 / (1 << 20))));
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (java.util.concurrent.Future<Parts> future : futures) {
                Parts part = future.get();
                Entry entry = part.profile().entry();
                Documents d = part.documents();
                Document doc = new Document();
                doc.add(new StringField(Schema.ID, entry.id(), Field.Store.YES));
                doc.add(new StringField(Schema.KIND, Schema.KIND_ENTRY, Field.Store.YES));
                doc.add(new Field(Schema.PROSE, d.prose().stream(), COUNTED));
                doc.add(new Field(Schema.TITLE, d.title().stream(), COUNTED));
                writer.addDocument(doc);
                for (int i = 0; i < d.code().size(); i++) {
                    Document v = new Document();
                    v.add(new StringField(Schema.ID, entry.id(), Field.Store.YES));
                    v.add(new StringField(Schema.KIND, Schema.KIND_VARIANT, Field.Store.YES));
                    v.add(new Field(Schema.CODE, d.code().get(i).stream(), COUNTED));
                    v.add(new Field(Schema.OCR, Schema.OcrAnalyzer.grams(d.words().get(i).stream()), COUNTED));
                    writer.addDocument(v);
                }
                // The tokens are indexed: only the profile stays.
                parts.add(new Parts(part.profile(), part.wordings(), null));
            }
        }
    }

    /**
     * A field's terms as the index has them: statistics, a number, and (once computed) the scores.
     * Numbered as the terms enumerate, so a text's terms can be told apart without hashing them again.
     */
    private static Map<String, IndexedTerm> indexedTerms(IndexSearcher searcher, String field, Map<String, String> pool)
            throws IOException {
        Map<String, TermStates> states = new LinkedHashMap<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            BytesRef b;
            while ((b = te.next()) != null) {
                String t = pool.computeIfAbsent(b.utf8ToString(), k -> k);
                states.computeIfAbsent(t, k -> new TermStates(searcher.getTopReaderContext()))
                        .register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
            }
        }
        // Read on every query term afterwards: a plain map reads without a concurrent one's fences.
        Map<String, IndexedTerm> out = new HashMap<>(states.size() * 2);
        states.forEach((t, st) -> out.put(t, new IndexedTerm(st, out.size())));
        return out;
    }

    /** One indexed term of a field; {@code scores} is computed on first use and then kept. */
    private static final class IndexedTerm {
        final TermStates states;
        final int ordinal;
        /** Written once by whichever thread computes it first (the same arrays whoever does). */
        volatile TermScores scores;

        IndexedTerm(TermStates states, int ordinal) {
            this.states = states;
            this.ordinal = ordinal;
        }
    }

    /**
     * One term's documents (ascending) and its BM25 score in each, at boost 1, as Lucene's own
     * scorer computes them. A query over these is a sum of array reads: the scores do not depend on
     * the query, so each term's are computed once rather than for every text.
     *
     * @param ordinal the term's number in its field (0 to the field's term count), so a text's
     *     terms can be told apart without hashing them again
     */
    record TermScores(int[] docs, float[] scores, int ordinal) {}

    private static TermScores termScores(IndexSearcher searcher, String field, String term, TermStates state, int ordinal)
            throws IOException {
        TermQuery q = new TermQuery(new Term(field, term), state);
        Weight w = searcher.createWeight(q, ScoreMode.COMPLETE, 1f);
        int[] docs = new int[state.docFreq()];
        float[] scores = new float[docs.length];
        int n = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer s = w.scorer(leaf);
            if (s == null) {
                continue;
            }
            DocIdSetIterator it = s.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (n == docs.length) {
                    docs = java.util.Arrays.copyOf(docs, n * 2 + 1);
                    scores = java.util.Arrays.copyOf(scores, n * 2 + 1);
                }
                docs[n] = leaf.docBase + doc;
                scores[n++] = s.score();
            }
        }
        return n == docs.length ? new TermScores(docs, scores, ordinal)
                : new TermScores(java.util.Arrays.copyOf(docs, n), java.util.Arrays.copyOf(scores, n), ordinal);
    }

    /** {@code term}'s documents and scores in {@code field}, or null when the field does not have it. */
    TermScores termScores(String field, String term) {
        IndexedTerm t = terms.get(field).get(term);
        if (t == null) {
            return null;
        }
        TermScores s = t.scores;
        if (s == null) {
            try {
                s = termScores(searcher, field, term, t.states, t.ordinal);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the in-memory index failed", e);
            }
            t.scores = s;
        }
        return s;
    }

    /** For each term of {@code sets}, the positions of the sets that have it, ascending. */
    private static Map<String, int[]> inverted(List<TermSet> sets) {
        // Each list is grown in place, its first slot holding its length: no boxing, one lookup a term.
        Map<String, int[]> lists = new HashMap<>();
        for (int o = 0; o < sets.size(); o++) {
            for (String t : sets.get(o).terms()) {
                int[] l = lists.get(t);
                if (l == null) {
                    l = new int[4];
                    lists.put(t, l);
                } else if (l[0] + 1 == l.length) {
                    l = java.util.Arrays.copyOf(l, l.length * 2);
                    lists.put(t, l);
                }
                l[++l[0]] = o;
            }
        }
        lists.replaceAll((t, l) -> java.util.Arrays.copyOfRange(l, 1, l[0] + 1));
        return java.util.Collections.unmodifiableMap(lists);
    }

    /** Entry ordinal to slot for {@code candidates} (in order); hand it back with {@link #release}. */
    int[] slots(List<Profile> candidates) {
        int[] a = slotScratch.get();
        for (int s = 0; s < candidates.size(); s++) {
            a[ordinals.get(candidates.get(s).entry().id())] = s;
        }
        return a;
    }

    void release(List<Profile> candidates, int[] slots) {
        for (Profile p : candidates) {
            slots[ordinals.get(p.entry().id())] = -1;
        }
    }

    /** How many documents the index holds (entries and wordings). */
    int documents() {
        return docEntry.length;
    }

    int size() {
        return kb.size();
    }

    /** In how many documents {@code term} occurs in {@code field} (0 when the KB never uses it). */
    int docFreq(String field, String term) {
        IndexedTerm t = terms.get(field).get(term);
        return t == null ? 0 : t.states.docFreq();
    }

    /**
     * A query for one indexed term that reuses the term's precomputed states (same statistics and
     * scores as a plain {@link TermQuery}); for a term the field does not have, a plain one.
     */
    TermQuery termQuery(String field, String term) {
        IndexedTerm t = terms.get(field).get(term);
        return t == null ? new TermQuery(new Term(field, term)) : new TermQuery(new Term(field, term), t.states);
    }

    /** What an entry is about, as opposed to everything it mentions on the way: title, tags, summary, wordings. */
    static String focusOf(Entry e) {
        return headOf(e) + "\n" + String.join("\n", e.variants());
    }

    /** Title, tags and summary, on lines of their own. */
    static String headOf(Entry e) {
        return e.title() + "\n" + String.join(" ", e.tags()) + "\n" + Markdown.toPlainText(e.summary());
    }

    /** Every node's title, text and option labels, on lines of their own. */
    static String nodesOf(Entry e) {
        StringBuilder sb = new StringBuilder();
        for (Node n : e.flow().nodes().values()) {
            sb.append(n.title()).append('\n').append(Markdown.toPlainText(n.text())).append('\n');
            for (Option o : n.options()) {
                sb.append(o.label()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Everything an entry says, as plain text: what users' own words are compared with (its focus, then its nodes). */
    static String proseOf(Entry e) {
        return focusOf(e) + "\n" + nodesOf(e);
    }

    static int maxEdits(String term) {
        return term.length() >= 8 ? 2 : 1;
    }

    /**
     * KB prose terms within a typo's reach of {@code term} (Levenshtein 1, or 2 for long words).
     * Only words: tokens with digits are addresses, ids and numbers, never misspelt words.
     */
    List<String> nearTerms(String term) {
        if (term.length() < 5 || !term.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        return near.get(term, t -> List.copyOf(nearSpellings.near(t, maxEdits(t))));
    }

    /** Memo of {@link #nearWordingWords}, bounded like the near spellings'. */
    private final BoundedMemo<List<String>> nearWording = new BoundedMemo<>(NEAR_MEMO, Query.MAX_TERM);

    /**
     * Wording words within a typo's reach of a text's folded word that no wording has (the reach
     * of {@link #nearTerms}): what OCR leaves of a known wording's word when it reads one letter
     * as another that folding does not cover ("connecf", "disconncct"), drops one ("reasn") or
     * adds a stray one. Only words of letters: digits are codes and numbers, read as they are.
     */
    List<String> nearWordingWords(String word) {
        if (word.length() < 5 || wordingWords.containsKey(word) || !word.chars().allMatch(Character::isLetter)) {
            return List.of();
        }
        return nearWording.get(word, w -> List.copyOf(wordingSpellings.near(w, maxEdits(w))));
    }

    /**
     * What the index knows of one OCR-folded word of a text, looked up once per word rather than
     * once per trigram and signal: the OCR field's terms of the word that the index has (its
     * distinct trigrams in order, then the word itself unless it is three characters long, as the
     * OCR analyzer cuts it), its number among the wording words ({@code -1} when no wording has
     * it) and, when no wording has it, the numbers of the wording words within a typo's reach
     * ({@link #nearWordingWords}).
     */
    record FoldedWord(TermScores[] grams, int wording, int[] nearWordings) {}

    /** Memo of {@link #foldedWord}: a text's words are mostly words seen before. Bounded like the near spellings'. */
    private final BoundedMemo<FoldedWord> foldedWordMemo = new BoundedMemo<>(NEAR_MEMO, Query.MAX_TERM);

    FoldedWord foldedWord(String word) {
        return foldedWordMemo.get(word, w -> {
            List<TermScores> grams = new ArrayList<>();
            for (String t : Query.trigrams(List.of(w))) {
                TermScores ts = termScores(Schema.OCR, t);
                if (ts != null) {
                    grams.add(ts);
                }
            }
            Integer id = wordingWords.get(w);
            int[] near = nearWordingWords(w).stream().mapToInt(wordingWords::get).toArray();
            return new FoldedWord(grams.toArray(TermScores[]::new), id == null ? -1 : id, near);
        });
    }

    /**
     * What the code field's analyzer and the OCR pieces' analyzer make of one run of a text between
     * whitespace: the run's distinct code terms in order, its OCR pieces in order (single
     * characters too, see {@link #pieces}) and, for each piece of two characters or more, what the
     * index knows of it ({@link #foldedWord}; null for single characters). Both analyzers cut at
     * whitespace first and then work within the run (see {@link Query#of}), so a text's terms are
     * its runs' in order; a text's runs are mostly runs seen before.
     */
    record Run(String[] code, String[] pieces, FoldedWord[] folded) {}

    /** Longest run kept in the memo: longer ones are ids, hashes, URLs and blobs, rarely seen twice. */
    static final int MAX_RUN = 48;
    private final BoundedMemo<Run> runMemo = new BoundedMemo<>(NEAR_MEMO, MAX_RUN);

    Run run(String run) {
        return runMemo.get(run, r -> {
            String[] code = terms(analyzer, Schema.CODE, r).toArray(String[]::new);
            String[] out = allTerms(pieces, "", r).toArray(String[]::new);
            FoldedWord[] folded = new FoldedWord[out.length];
            for (int i = 0; i < out.length; i++) {
                folded[i] = out[i].length() >= 2 ? foldedWord(out[i]) : null;
            }
            return new Run(code, out, folded);
        });
    }

    /**
     * What the index knows of one prose term of a text, looked up once per term rather than once
     * per field, list and signal: its document frequency and BM25 scores in the prose and title
     * fields (null where the field lacks it), the entries whose prose and focus have it (null when
     * none), in how many entries' focus it occurs, its OCR-folded words ({@link #foldedWords}) with
     * the entries that have each (null when none),
     * and its near spellings ({@link #nearTerms}) with their prose scores and entry lists.
     */
    record ProseTerm(int docFreq, TermScores prose, TermScores title, int[] proseEntries, int[] focusEntries,
                     int focusFrequency, Set<String> folded, int[][] foldedEntries, List<String> near, TermScores[] nearProse,
                     int[][] nearProseEntries, int[][] nearFocusEntries, TermHits everyEntry) {

        /** The same term with its facts over every entry of a small KB (see {@link TermHits#overEveryEntry}). */
        ProseTerm withEveryEntry(TermHits facts) {
            return new ProseTerm(docFreq, prose, title, proseEntries, focusEntries, focusFrequency, folded, foldedEntries,
                    near, nearProse, nearProseEntries, nearFocusEntries, facts);
        }
    }

    /**
     * Whether {@code candidates} are every entry in ordinal order: a small KB's candidates are, and
     * then each term's facts over all of them ({@link ProseTerm#everyEntry}) were worked out once.
     */
    boolean inOrdinalOrder(List<Profile> candidates) {
        if (candidates.size() != entryIds.length) {
            return false;
        }
        for (int s = 0; s < entryIds.length; s++) {
            if (!candidates.get(s).entry().id().equals(entryIds[s])) {
                return false;
            }
        }
        return true;
    }

    /** Every entry's profile, in ordinal order. */
    List<Profile> inOrder() {
        List<Profile> out = new ArrayList<>(entryIds.length);
        for (String id : entryIds) {
            out.add(profiles.get(id));
        }
        return out;
    }

    /** Memo of {@link #proseTerm}: a text's terms are mostly terms seen before. Bounded like the near spellings'. */
    private final BoundedMemo<ProseTerm> proseTermMemo = new BoundedMemo<>(NEAR_MEMO, Query.MAX_TERM);

    ProseTerm proseTerm(String term) {
        return proseTermMemo.get(term, t -> {
            List<String> near = nearTerms(t);
            TermScores[] nearProse = new TermScores[near.size()];
            int[][] nearProseEntries = new int[near.size()][];
            int[][] nearFocusEntries = new int[near.size()][];
            for (int i = 0; i < near.size(); i++) {
                nearProse[i] = termScores(Schema.PROSE, near.get(i));
                nearProseEntries[i] = proseEntries.get(near.get(i));
                nearFocusEntries[i] = focusEntries.get(near.get(i));
            }
            Set<String> folded = foldedWords(t);
            int[][] foldedIn = folded.stream().map(foldedEntries::get).toArray(int[][]::new);
            ProseTerm known = new ProseTerm(docFreq(Schema.PROSE, t), termScores(Schema.PROSE, t), termScores(Schema.TITLE, t),
                    proseEntries.get(t), focusEntries.get(t), focusFrequency.getOrDefault(t, 0), folded, foldedIn, near,
                    nearProse, nearProseEntries, nearFocusEntries, null);
            // A large KB's candidates differ from text to text; a small KB's are all its entries.
            return size() > Candidates.CANDIDATE_ENTRIES ? known : known.withEveryEntry(TermHits.overEveryEntry(t, known, this));
        });
    }

    /** Memo of {@link #foldedWords}, bounded like the near spellings'. */
    private final BoundedMemo<Set<String>> foldedMemo = new BoundedMemo<>(NEAR_MEMO, Query.MAX_TERM);

    /** A prose term's OCR-folded words (the {@link #words} analyzer's terms of it). */
    Set<String> foldedWords(String term) {
        return foldedMemo.get(term, t -> java.util.Collections.unmodifiableSet(terms(words, t)));
    }

    /** Whether a near spelling of {@code term} is in {@code vocabulary}. */
    boolean fuzzyIn(String term, TermSet vocabulary) {
        for (String n : nearTerms(term)) {
            if (vocabulary.contains(n)) {
                return true;
            }
        }
        return false;
    }

    static Set<String> terms(Analyzer analyzer, String text) {
        return terms(analyzer, "", text);
    }

    /** The distinct terms {@code analyzer} makes of {@code text} for {@code field}, in order. */
    static Set<String> terms(Analyzer analyzer, String field, String text) {
        return new LinkedHashSet<>(allTerms(analyzer, field, text));
    }

    /** Every term {@code analyzer} makes of {@code text} for {@code field}, in order, repeats included. */
    static List<String> allTerms(Analyzer analyzer, String field, String text) {
        List<String> out = new ArrayList<>();
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
}
