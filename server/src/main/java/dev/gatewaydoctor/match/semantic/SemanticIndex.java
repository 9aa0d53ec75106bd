package dev.gatewaydoctor.match.semantic;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sentence vectors of one KB: every entry's wordings (variants), its title with its summary,
 * and each decision-tree node's title with its prose. Immutable and thread-safe; a reload builds a
 * new one (embedding only the texts not seen before).
 */
public final class SemanticIndex {

    /**
     * How close a text is to one entry, as cosines in [-1, 1] (in practice about -0.1 to 1).
     *
     * @param variant the closest of the entry's wordings
     * @param summary the entry's title and summary
     * @param prose the closest of the entry's node texts
     */
    public record Similarity(double variant, double summary, double prose) {}

    /**
     * What one build cost.
     *
     * @param texts distinct texts of the KB
     * @param embedded those the model had to embed (the others were known, from disk or an earlier build)
     * @param millis wall time of the build
     */
    public record Build(int texts, int embedded, long millis) {}

    /** One entry's rows in {@link #vectors}. */
    private record Rows(int[] variants, int summary, int[] nodes) {}

    private final Semantic semantic;
    private final String[] ids;
    private final Map<String, Integer> position;
    private final Rows[] rows;
    /**
     * Each distinct text's vector: the very arrays the model's known vectors are, not a copy (a KB
     * of 10,000 entries has 100,000 of them, 150 MB: copied, they were held twice and the copy
     * cost the start collections).
     */
    private final float[][] vectors;
    private final Build build;
    private final Gloss gloss;

    private SemanticIndex(Semantic semantic, String[] ids, Rows[] rows, float[][] vectors, Build build, Gloss gloss) {
        this.semantic = semantic;
        this.gloss = gloss;
        this.ids = ids;
        this.rows = rows;
        this.vectors = vectors;
        this.build = build;
        this.position = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            position.put(ids[i], i);
        }
    }

    /** Builds the vectors of {@code kb} with {@code semantic}'s model and store. */
    public static SemanticIndex build(Kb kb, Semantic semantic) {
        long start = System.nanoTime();
        // Distinct texts first: a wording shared by two entries is embedded once.
        Map<String, Integer> row = new LinkedHashMap<>();
        List<Entry> entries = kb.list();
        String[] ids = new String[entries.size()];
        Rows[] rows = new Rows[entries.size()];
        // The texts' keys (their informative lines, normalised) on all cores; rows in KB order after.
        List<EntryKeys> keysOf = entries.parallelStream().map(e -> new EntryKeys(
                e.variants().stream().map(semantic::key).toList(),
                semantic.key(e.title() + "\n" + e.summary()),
                e.flow() == null ? List.of() : e.flow().nodes().values().stream().map(n -> semantic.key(prose(n))).toList()))
                .toList();
        for (int i = 0; i < entries.size(); i++) {
            ids[i] = entries.get(i).id();
            EntryKeys k = keysOf.get(i);
            int[] variants = k.variants().stream().mapToInt(v -> rowOf(row, v)).toArray();
            int summary = rowOf(row, k.summary());
            int[] nodes = k.nodes().stream().mapToInt(n -> rowOf(row, n)).toArray();
            rows[i] = new Rows(variants, summary, nodes);
        }
        Map<VectorStore.Key, float[]> known = semantic.known();
        List<String> texts = new ArrayList<>(row.keySet());
        List<VectorStore.Key> keys = texts.parallelStream().map(VectorStore.Key::of).toList();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!known.containsKey(keys.get(i))) {
                missing.add(i);
            }
        }
        embed(semantic, texts, keys, missing, known);
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = known.get(keys.get(i));
        }
        if (!missing.isEmpty()) {
            // The file keeps this KB's vectors only, so it does not grow with every edit.
            Map<VectorStore.Key, float[]> used = new LinkedHashMap<>();
            for (int i = 0; i < texts.size(); i++) {
                used.put(keys.get(i), vectors[i]);
            }
            semantic.store().write(used, SentenceModel.DIMENSIONS);
        }
        Build build = new Build(texts.size(), missing.size(), (System.nanoTime() - start) / 1_000_000);
        return new SemanticIndex(semantic, ids, rows, vectors, build, Gloss.of(kb.glossary().synonyms()));
    }

    private record EntryKeys(List<String> variants, String summary, List<String> nodes) {}

    private static int rowOf(Map<String, Integer> row, String key) {
        return row.computeIfAbsent(key, k -> row.size());
    }

    private static String prose(Node node) {
        return node.title() + "\n" + node.text();
    }

    /** Embeds the missing texts on as many threads as the model runs inferences at once. */
    private static void embed(Semantic semantic, List<String> texts, List<VectorStore.Key> keys, List<Integer> missing,
            Map<VectorStore.Key, float[]> known) {
        if (missing.isEmpty()) {
            return;
        }
        int threads = Math.min(semantic.model().concurrency(), missing.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kb-vectors");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i : missing) {
                done.add(pool.submit(() -> known.put(keys.get(i), semantic.model().embed(texts.get(i)))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing KB vectors", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot compute KB vectors: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public Build build() {
        return build;
    }

    public int size() {
        return ids.length;
    }

    /**
     * The similarities of a pasted text (embedded now, or taken from the cache). The model reads
     * English only, so what it embeds is the text with the KB's glossary applied: the words of
     * another language a rule names are put into the KB's words, and a text no rule names is read
     * as it is. (Embedding both readings and keeping the closer cosine was no better on the
     * cross-validation and cost a second inference.)
     */
    public Similarities similarities(String text) {
        return new Similarities(semantic.embedKey(gloss.apply(semantic.key(text))));
    }

    /** A text's vector against the entries; each entry's figures are computed when asked for. */
    public final class Similarities {

        private final float[] vector;

        private Similarities(float[] vector) {
            this.vector = vector;
        }

        /** The similarity to one entry; throws for an id the KB does not have. */
        public Similarity of(String entryId) {
            Integer i = position.get(entryId);
            if (i == null) {
                throw new IllegalArgumentException("no entry with id " + entryId);
            }
            Rows r = rows[i];
            return new Similarity(best(r.variants()), cosine(r.summary()), best(r.nodes()));
        }

        /** Every entry's similarity, in KB order (cost grows with the KB: prefer {@link #of} for candidates). */
        public Map<String, Similarity> all() {
            Map<String, Similarity> out = new LinkedHashMap<>();
            for (String id : ids) {
                out.put(id, of(id));
            }
            return out;
        }

        /** The {@code k} entries with the closest wording, closest first. */
        public List<String> nearest(int k) {
            Map<String, Similarity> all = all();
            return all.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, Similarity> e) -> -e.getValue().variant()))
                    .limit(k).map(Map.Entry::getKey).toList();
        }

        private double best(int[] candidates) {
            double best = -1;
            for (int row : candidates) {
                best = Math.max(best, cosine(row));
            }
            return best;
        }

        private double cosine(int row) {
            return dot(vector, vectors[row]);
        }
    }

    /** Both vectors have unit length: the dot product is the cosine. */
    private static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int d = 0; d < SentenceModel.DIMENSIONS; d++) {
            dot += a[d] * b[d];
        }
        return dot;
    }
}
