package dev.gatewaydoctor.match.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quantized all-MiniLM-L6-v2 sentence model, read from the jar that ships it, run on ONNX
 * Runtime: a text in, its mean-pooled, unit-length 384-dimension vector out.
 *
 * <p>Cost is bounded two ways. Each inference runs on its caller's thread only (one intra-op and
 * one inter-op thread), and at most {@code concurrency} inferences run at once, the others wait:
 * so N concurrent requests on C cores never start N x C busy threads. One session serves all of
 * them, since ONNX Runtime's {@code run} is thread-safe and a second session would only hold a
 * second copy of the weights. Texts are cut to {@code tokenBudget} tokens (the model's cost grows
 * with the length; its own limit is 256).
 *
 * <p>Thread-safe. Close it to free the native session.
 */
public final class SentenceModel implements AutoCloseable {

    /** Names the model and the code that feeds it; stored vectors are only reused under the same id. */
    public static final String ID = "all-minilm-l6-v2-q/langchain4j-1.19.0-beta29/mean-pool-1";
    public static final int DIMENSIONS = 384;
    /** The position embeddings the model was trained with: no text can be longer. */
    public static final int MAX_TOKENS = 256;

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int tokenBudget;
    private final int concurrency;
    private final Semaphore permits;
    private final AtomicLong inferences = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();

    private SentenceModel(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer,
            int tokenBudget, int concurrency) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.tokenBudget = tokenBudget;
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency, true);
    }

    /**
     * Loads the model from the classpath.
     *
     * @param tokenBudget longest text in tokens, special tokens included (2 to 256)
     * @param concurrency inferences that may run at once (at least 1; the number of cores suits)
     */
    public static SentenceModel load(int tokenBudget, int concurrency) {
        if (tokenBudget < 2 || tokenBudget > MAX_TOKENS) {
            throw new IllegalArgumentException("the token budget must be between 2 and " + MAX_TOKENS + ", got " + tokenBudget);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("the concurrency must be at least 1, got " + concurrency);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Texts are not padded, so nearly every length is a new input shape: a memory pattern
            // (one block planned and kept per shape) would only hold more of the arena, a few MB
            // under load, for no measurable speed. The CPU arena itself stays on: without it each
            // inference's buffers come from malloc on the caller's thread, and resident memory
            // grew by 140 MB or more under load (glibc keeps what each thread's arena held).
            options.setMemoryPatternOptimization(false);
            OrtSession session = env.createSession(resource(MODEL), options);
            Map<String, String> tokenizerOptions = new HashMap<>();
            // The bundled tokenizer.json pads every text to 128 tokens: an 8-word text would cost
            // as much as a paragraph. Pad nothing; truncate to the budget instead.
            tokenizerOptions.put("padding", "false");
            tokenizerOptions.put("truncation", "true");
            tokenizerOptions.put("maxLength", Integer.toString(tokenBudget));
            tokenizerOptions.put("modelMaxLength", Integer.toString(MAX_TOKENS));
            HuggingFaceTokenizer tokenizer;
            try (InputStream in = SentenceModel.class.getResourceAsStream(TOKENIZER)) {
                if (in == null) {
                    throw new IllegalStateException("the tokenizer " + TOKENIZER + " is not on the classpath");
                }
                tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
            }
            return new SentenceModel(env, session, tokenizer, tokenBudget, concurrency);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer", e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SentenceModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the sentence model " + name + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    public int tokenBudget() {
        return tokenBudget;
    }

    public int concurrency() {
        return concurrency;
    }

    /** Inferences run since the model was loaded. */
    public long inferences() {
        return inferences.get();
    }

    /** The most inferences that ran at the same time so far. */
    public int mostConcurrent() {
        return mostRunning.get();
    }

    /** The tokens the model reads of {@code text} (at most the budget, special tokens included). */
    public int tokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    /** The unit-length vector of {@code text}, its tokens beyond the budget cut. */
    public float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sentence model", e);
        }
        try {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            inferences.incrementAndGet();
            return infer(ids, mask, encoding.getTypeIds());
        } finally {
            running.decrementAndGet();
            permits.release();
        }
    }

    private float[] infer(long[] ids, long[] mask, long[] types) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, new long[][] {mask}));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, new long[][] {types}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
                return meanPool(tokens, mask);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence model failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The sentence vector the model was trained to give: the mean of its token vectors, unit length. */
    private static float[] meanPool(float[][] tokens, long[] mask) {
        float[] out = new float[tokens[0].length];
        int n = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            n++;
            for (int d = 0; d < out.length; d++) {
                out[d] += tokens[t][d];
            }
        }
        double norm = 0;
        for (int d = 0; d < out.length; d++) {
            out[d] /= Math.max(n, 1);
            norm += out[d] * out[d];
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
        for (int d = 0; d < out.length; d++) {
            out[d] *= scale;
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the sentence model", e);
        }
    }
}
