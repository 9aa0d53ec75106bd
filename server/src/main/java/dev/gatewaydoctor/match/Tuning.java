package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The matcher's tuning: the choice model's weights fitted on a KB's dev set, the confidence
 * threshold, and Lucene's field boosts. It is data, kept in {@value #FILE} beside the dev set it was
 * fitted on ({@code <kb folder>/eval/weights.json}), so a company that refits on its own examples
 * uses its own weights.
 *
 * @param weights "none of these" intercept, then one per candidate signal, then one per text signal,
 *     in the engine's order ({@link Matcher.Features})
 * @param fitted when and on what the weights were fitted (date, KB ids), for people reading the file
 * @param semanticModel the model fitted with the semantic features too, when the semantic part is
 *     on (else null; see {@link #semantic()})
 */
public record Tuning(double threshold, float codeBoost, float ocrBoost, float proseBoost, float titleBoost,
                     float fuzzyBoost, double[] weights, Fitted fitted, SemanticModel semanticModel) {

    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

    /** The file's name inside a KB folder's {@code eval/} folder. */
    public static final String FILE = "weights.json";
    /** The defaults shipped in the jar: the bundled KB's weights. */
    private static final String BUNDLED = "weights.json";

    /**
     * The file of the model fitted with the semantic features as well: kept apart from
     * {@value #FILE} so that it can never be read by a matcher that does not compute them.
     */
    public static final String SEMANTIC_FILE = "weights-semantic.json";

    /**
     * The choice model with the semantic features, and the cascade's cut: a text whose lexical top
     * candidate has at least probability {@code cut} (under the lexical weights) is settled there,
     * the others are scored again with the semantic features and these weights.
     *
     * @param weights "none" intercept, the lexical then the semantic candidate features, the text features
     * @param threshold the confidence below which the cascade reports no match, chosen on its own
     *     cross-validation; NaN in a file written before it had one: the lexical threshold then
     */
    public record SemanticModel(double[] weights, double cut, Fitted fitted, double threshold) {
        public SemanticModel(double[] weights, double cut, Fitted fitted) {
            this(weights, cut, fitted, Double.NaN);
        }

        public SemanticModel {
            if (weights.length != ChoiceModel.SEMANTIC_WEIGHTS) {
                throw new IllegalArgumentException("need " + ChoiceModel.SEMANTIC_WEIGHTS + " semantic weights");
            }
            weights = weights.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }

        /** Zero weights, every text down the semantic path: only a starting point for a first refit. */
        public static SemanticModel unfitted() {
            return new SemanticModel(new double[ChoiceModel.SEMANTIC_WEIGHTS], 1.01, new Fitted("", List.of(), "not fitted"));
        }

        public SemanticModel withFitted(Fitted by) {
            return new SemanticModel(weights, cut, by, threshold);
        }

        public SemanticModel withThreshold(double t) {
            return new SemanticModel(weights, cut, fitted, t);
        }
    }

    /** Provenance of fitted weights. */
    public record Fitted(String date, List<String> kb, String by) {
        public Fitted {
            kb = List.copyOf(kb);
        }
    }

    public Tuning {
        if (weights.length != ChoiceModel.WEIGHTS) {
            throw new IllegalArgumentException("need " + ChoiceModel.WEIGHTS + " weights");
        }
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    public Tuning(double threshold, float codeBoost, float ocrBoost, float proseBoost, float titleBoost,
                  float fuzzyBoost, double[] weights, Fitted fitted) {
        this(threshold, codeBoost, ocrBoost, proseBoost, titleBoost, fuzzyBoost, weights, fitted, null);
    }

    /** The semantic model, when this tuning has one (the semantic part is on). */
    public Optional<SemanticModel> semantic() {
        return Optional.ofNullable(semanticModel);
    }

    /** Both models' threshold set to {@code t} (an operator's override, or a command's). */
    public Tuning withThreshold(double t) {
        return new Tuning(t, codeBoost, ocrBoost, proseBoost, titleBoost, fuzzyBoost, weights, fitted,
                semanticModel == null ? null : semanticModel.withThreshold(t));
    }

    /**
     * The threshold a matcher applies: the cascade's own when the semantic part is on and its file
     * has one, else the lexical model's. Each is chosen on its own model's cross-validation, so
     * turning the semantic part on or off never leaves a model with the other's threshold.
     */
    public double threshold(boolean semantic) {
        if (semantic && semanticModel != null && Double.isFinite(semanticModel.threshold())) {
            return semanticModel.threshold();
        }
        return threshold;
    }

    public Tuning withWeights(double[] w, Fitted by) {
        return new Tuning(threshold, codeBoost, ocrBoost, proseBoost, titleBoost, fuzzyBoost, w, by, semanticModel);
    }

    public Tuning withSemantic(SemanticModel model) {
        return new Tuning(threshold, codeBoost, ocrBoost, proseBoost, titleBoost, fuzzyBoost, weights, fitted, model);
    }

    /** Without the semantic model: what a matcher that does not compute the semantic features uses. */
    public Tuning lexical() {
        return withSemantic(null);
    }

    public Tuning withWeights(double[] w) {
        return withWeights(w, fitted);
    }

    /** The weights shipped in the jar (fitted on the bundled KB's dev set). */
    public static Tuning defaults() {
        return Bundled.TUNING;
    }

    /** Read once: the jar's copy cannot change while running. */
    private static final class Bundled {
        static final Tuning TUNING = readBundled();

        private static Tuning readBundled() {
            try (InputStream in = Tuning.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the jar has no " + BUNDLED + " beside " + Tuning.class.getName());
                }
                return parse(new ObjectMapper().readTree(in), "the bundled " + BUNDLED);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the bundled " + BUNDLED + " failed", e);
            }
        }
    }

    /** Apart from {@link Bundled}: read only when the semantic part is on. */
    private static final class BundledSemantic {
        static final SemanticModel SEMANTIC = readBundledSemantic();

        private static SemanticModel readBundledSemantic() {
            try (InputStream in = Tuning.class.getResourceAsStream(SEMANTIC_FILE)) {
                if (in == null) {
                    return null; // said when asked for, in forFolders
                }
                return parseSemantic(new ObjectMapper().readTree(in), "the bundled " + SEMANTIC_FILE);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the bundled " + SEMANTIC_FILE + " failed", e);
            }
        }

    }

    /** The file a KB folder's weights live in. */
    public static Path fileOf(Path kbFolder) {
        return kbFolder.resolve("eval").resolve(FILE);
    }

    /**
     * The tuning of layered KB folders: the weights file of the last folder that has one, else the
     * bundled defaults (said in a log line).
     *
     * @throws IllegalArgumentException when the file is not valid or was fitted with other features
     */
    public static Tuning forFolders(List<Path> kbFolders) {
        for (int i = kbFolders.size() - 1; i >= 0; i--) {
            Path file = fileOf(kbFolders.get(i));
            if (Files.isRegularFile(file)) {
                Tuning t = read(file);
                LOG.info("matcher weights from {} (fitted {})", file, t.fitted().date());
                return t;
            }
        }
        LOG.info("no eval/{} in {}: the matcher uses the bundled weights", FILE, kbFolders);
        return defaults();
    }

    /**
     * The tuning of layered KB folders with, when {@code semantic}, the semantic model: the
     * {@value #SEMANTIC_FILE} of the last folder that has one, else the bundled one.
     *
     * @throws IllegalArgumentException when a file is not valid or was fitted with other features
     */
    public static Tuning forFolders(List<Path> kbFolders, boolean semantic) {
        Tuning t = forFolders(kbFolders);
        if (!semantic) {
            return t;
        }
        for (int i = kbFolders.size() - 1; i >= 0; i--) {
            Path file = kbFolders.get(i).resolve("eval").resolve(SEMANTIC_FILE);
            if (Files.isRegularFile(file)) {
                LOG.info("semantic matcher weights from {}", file);
                return t.withSemantic(readSemantic(file));
            }
        }
        LOG.info("no eval/{} in {}: the semantic part uses the bundled weights", SEMANTIC_FILE, kbFolders);
        if (BundledSemantic.SEMANTIC == null) {
            throw new IllegalStateException("the semantic part is on but neither " + kbFolders + " nor the jar has an eval/"
                    + SEMANTIC_FILE + ": fit one with GATEWAY_DOCTOR_SEMANTIC=on gateway-doctor eval --fit --write");
        }
        return t.withSemantic(BundledSemantic.SEMANTIC);
    }

    /** Reads a {@value #SEMANTIC_FILE}. */
    public static SemanticModel readSemantic(Path file) {
        try {
            return parseSemantic(new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the semantic matcher weights: " + e.getMessage(), e);
        }
    }

    static SemanticModel parseSemantic(JsonNode n, String where) {
        JsonNode w = n.path("weights");
        if (!w.isObject() || !w.path("none").isNumber()) {
            throw new IllegalArgumentException(where + ": needs \"weights\" with a number \"none\"");
        }
        if (!n.path("cascade").path("cut").isNumber()) {
            throw new IllegalArgumentException(where + ": needs \"cascade\" with a number \"cut\"");
        }
        double[] out = new double[ChoiceModel.SEMANTIC_WEIGHTS];
        out[0] = w.get("none").asDouble();
        named(w.path("candidate"), ChoiceModel.SEMANTIC_NAMES, out, 1, where, "candidate");
        named(w.path("text"), ChoiceModel.NONE, out, 1 + ChoiceModel.SEMANTIC_NAMES.length, where, "text");
        JsonNode f = n.path("fitted");
        List<String> kb = new ArrayList<>();
        f.path("kb").forEach(id -> kb.add(id.asText()));
        double threshold = n.path("threshold").isNumber() ? n.path("threshold").asDouble() : Double.NaN;
        return new SemanticModel(out, n.path("cascade").path("cut").asDouble(), new Fitted(f.path("date").asText(""), kb,
                f.path("by").asText("")), threshold);
    }

    /** A semantic model as its file holds it. */
    public static String toJson(SemanticModel m) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode f = root.putObject("fitted");
        f.put("date", m.fitted().date());
        f.put("by", m.fitted().by());
        f.putPOJO("kb", m.fitted().kb());
        if (Double.isFinite(m.threshold())) {
            root.put("threshold", m.threshold());
        }
        root.putObject("cascade").put("cut", m.cut());
        double[] weights = m.weights();
        ObjectNode w = root.putObject("weights");
        w.put("none", weights[0]);
        ObjectNode c = w.putObject("candidate");
        for (int i = 0; i < ChoiceModel.SEMANTIC_NAMES.length; i++) {
            c.put(ChoiceModel.SEMANTIC_NAMES[i], weights[1 + i]);
        }
        ObjectNode t = w.putObject("text");
        for (int i = 0; i < ChoiceModel.NONE.length; i++) {
            t.put(ChoiceModel.NONE[i], weights[1 + ChoiceModel.SEMANTIC_NAMES.length + i]);
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(SemanticModel m, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(m), StandardCharsets.UTF_8);
    }

    /**
     * Reads a weights file.
     *
     * @throws IllegalArgumentException when it is not valid or names other features than the engine's
     */
    public static Tuning read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the matcher weights: " + e.getMessage(), e);
        }
    }

    static Tuning parse(JsonNode n, String where) {
        JsonNode w = n.path("weights");
        if (!w.isObject() || !w.path("none").isNumber()) {
            throw new IllegalArgumentException(where + ": needs \"weights\" with a number \"none\"");
        }
        double[] out = new double[ChoiceModel.WEIGHTS];
        out[0] = w.get("none").asDouble();
        named(w.path("candidate"), ChoiceModel.NAMES, out, 1, where, "candidate");
        named(w.path("text"), ChoiceModel.NONE, out, 1 + ChoiceModel.NAMES.length, where, "text");
        JsonNode b = n.path("boosts");
        JsonNode f = n.path("fitted");
        List<String> kb = new ArrayList<>();
        f.path("kb").forEach(id -> kb.add(id.asText()));
        return new Tuning(n.path("threshold").asDouble(0.5), (float) b.path("code").asDouble(1.0), (float) b.path("ocr").asDouble(0.25),
                (float) b.path("prose").asDouble(1.0), (float) b.path("title").asDouble(1.5), (float) b.path("fuzzy").asDouble(0.6),
                out, new Fitted(f.path("date").asText(""), kb, f.path("by").asText("")));
    }

    /** Reads {@code names} from an object of name to weight; other or missing names are an error, not garbage scores. */
    private static void named(JsonNode obj, String[] names, double[] out, int at, String where, String group) {
        Set<String> have = new LinkedHashSet<>();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            have.add(it.next());
        }
        Set<String> engine = new LinkedHashSet<>(List.of(names));
        if (!have.equals(engine) && names == ChoiceModel.NAMES && have.containsAll(List.of(ChoiceModel.SEMANTIC))) {
            throw new IllegalArgumentException(where + ": these weights were fitted with the semantic features "
                    + List.of(ChoiceModel.SEMANTIC) + ", which a matcher without the semantic part does not compute;"
                    + " they belong in eval/" + SEMANTIC_FILE + " and are used only with GATEWAY_DOCTOR_SEMANTIC=on");
        }
        if (!have.equals(engine)) {
            Set<String> missing = new LinkedHashSet<>(engine);
            missing.removeAll(have);
            Set<String> unknown = new LinkedHashSet<>(have);
            unknown.removeAll(engine);
            throw new IllegalArgumentException(where + ": the weights were fitted with other " + group + " features than this"
                    + " matcher computes (missing " + missing + ", unknown " + unknown + "); refit them with"
                    + " `gateway-doctor eval --fit --write` and the same --kb folders");
        }
        for (int i = 0; i < names.length; i++) {
            JsonNode v = obj.get(names[i]);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(where + ": weight " + group + "." + names[i] + " is not a number");
            }
            out[at + i] = v.asDouble();
        }
    }

    /** This tuning as the file holds it. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode f = root.putObject("fitted");
        f.put("date", fitted.date());
        f.put("by", fitted.by());
        f.putPOJO("kb", fitted.kb());
        root.put("threshold", threshold);
        ObjectNode b = root.putObject("boosts");
        b.put("code", codeBoost);
        b.put("ocr", ocrBoost);
        b.put("prose", proseBoost);
        b.put("title", titleBoost);
        b.put("fuzzy", fuzzyBoost);
        ObjectNode w = root.putObject("weights");
        w.put("none", weights[0]);
        ObjectNode c = w.putObject("candidate");
        for (int i = 0; i < ChoiceModel.NAMES.length; i++) {
            c.put(ChoiceModel.NAMES[i], weights[1 + i]);
        }
        ObjectNode t = w.putObject("text");
        for (int i = 0; i < ChoiceModel.NONE.length; i++) {
            t.put(ChoiceModel.NONE[i], weights[1 + ChoiceModel.NAMES.length + i]);
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Provenance for weights fitted today on {@code kb}'s entry ids. */
    public static Fitted fittedNow(Iterable<String> kbIds, String by) {
        List<String> ids = new ArrayList<>();
        kbIds.forEach(ids::add);
        return new Fitted(LocalDate.now().toString(), ids, by);
    }

    @Override
    public String toString() {
        return "Tuning" + Map.of("threshold", threshold, "fitted", fitted);
    }
}
