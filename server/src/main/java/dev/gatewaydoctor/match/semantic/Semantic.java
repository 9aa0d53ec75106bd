package dev.gatewaydoctor.match.semantic;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.memo.RecentCache;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The semantic signal's long-lived part, shared by every KB that is loaded while the server runs:
 * the sentence model, the cache of recent text vectors and the KB vectors known so far (from the
 * data folder, then from every build). {@link #index(Kb)} makes the per-KB part.
 *
 * <p>Thread-safe. Close it when the server stops.
 */
public final class Semantic implements AutoCloseable {

    /**
     * @param tokenBudget longest text the model reads, in tokens (the rest is cut)
     * @param concurrency inferences at once; more requests wait
     * @param cacheSize text vectors kept for texts seen again (0: none)
     * @param dataFolder where KB vectors are kept between starts; empty: memory only
     */
    public record Options(int tokenBudget, int concurrency, int cacheSize, Optional<Path> dataFolder) {

        public static final int DEFAULT_TOKEN_BUDGET = 128;
        public static final int DEFAULT_CACHE_SIZE = 4096;

        public Options {
            if (tokenBudget < 2 || tokenBudget > SentenceModel.MAX_TOKENS) {
                throw new IllegalArgumentException("the token budget must be between 2 and " + SentenceModel.MAX_TOKENS);
            }
            if (concurrency < 1 || cacheSize < 0) {
                throw new IllegalArgumentException("the concurrency must be at least 1 and the cache size not negative");
            }
        }

        /** The defaults: 128 tokens, one inference per core, 4,096 cached texts, {@code ./data}. */
        public static Options defaults() {
            return new Options(DEFAULT_TOKEN_BUDGET, Runtime.getRuntime().availableProcessors(), DEFAULT_CACHE_SIZE,
                    Optional.of(Path.of("data")));
        }

        public Options withDataFolder(Optional<Path> folder) {
            return new Options(tokenBudget, concurrency, cacheSize, folder);
        }

        public Options withTokenBudget(int tokens) {
            return new Options(tokens, concurrency, cacheSize, dataFolder);
        }

        public Options withConcurrency(int n) {
            return new Options(tokenBudget, n, cacheSize, dataFolder);
        }

        public Options withCacheSize(int n) {
            return new Options(tokenBudget, concurrency, n, dataFolder);
        }
    }

    private final Options options;
    private final SentenceModel model;
    private final RecentCache<float[]> cache;
    private final VectorStore store;
    private final Map<VectorStore.Key, float[]> known = new ConcurrentHashMap<>();
    private volatile boolean storeRead;

    private Semantic(Options options, SentenceModel model) {
        this.options = options;
        this.model = model;
        this.cache = new RecentCache<>(options.cacheSize());
        // Vectors depend on the model, the code that feeds it and the budget they were cut to.
        String id = SentenceModel.ID + "/tokens-" + options.tokenBudget();
        this.store = options.dataFolder().map(f -> VectorStore.in(f, id)).orElseGet(() -> VectorStore.inMemory(id));
    }

    /** Loads the model (about a second) and opens the data folder. */
    public static Semantic start(Options options) {
        return new Semantic(options, SentenceModel.load(options.tokenBudget(), options.concurrency()));
    }

    public Options options() {
        return options;
    }

    public SentenceModel model() {
        return model;
    }

    /** Whether KB vectors outlive the process (a usable data folder). */
    public boolean persistent() {
        return store.persistent();
    }

    /** The vectors of every wording, summary and node of {@code kb}: from disk where known, else computed now. */
    public SemanticIndex index(Kb kb) {
        synchronized (known) {
            if (!storeRead) {
                known.putAll(store.read());
                storeRead = true;
            }
        }
        return SemanticIndex.build(kb, this);
    }

    /**
     * The vector of a pasted text: its informative lines, cut to the budget, from the cache when
     * the same text (ignoring case and spacing) was seen lately.
     */
    public float[] embed(String text) {
        return embedKey(key(text));
    }

    /** The vector of a text already made a {@link #key}. */
    float[] embedKey(String key) {
        return cache.get(key, model::embed);
    }

    /** Texts the cache answered, and those it did not, since start. */
    public long cacheHits() {
        return cache.hits();
    }

    public long cacheMisses() {
        return cache.misses();
    }

    /** What a text is embedded as: its informative lines, normalised (the model reads no case). */
    String key(String text) {
        // About 8 characters a token in the longest lines; the cut only bounds the tokenizer's work.
        return InformativeLines.normalised(InformativeLines.of(text, options.tokenBudget() * 8));
    }

    Map<VectorStore.Key, float[]> known() {
        return known;
    }

    VectorStore store() {
        return store;
    }

    @Override
    public void close() {
        model.close();
    }
}
