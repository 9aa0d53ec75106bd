package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Runs the matcher over a labelled dev set (JSON Lines files of {@code {id, kind, expect, text,
 * topic, split}}, {@code expect} null for inputs that must not match) and reports its figures the
 * honest way round: first on the held-out split (never fitted on), then a 5-fold cross-validation
 * over the fit split (folds by topic), then in-sample on the fit split. Clean page texts also yield
 * a seeded OCR-noised copy (kind {@code ocr-noise}, same topic and split), so the noisy subset is
 * the same on every run.
 */
public final class Evaluation {

    public static final String HELDOUT = "heldout";
    public static final String FIT = "fit";

    /**
     * One labelled input.
     *
     * @param topic lines derived from the same real material share one; they are never split
     *     between fitting and testing (missing: the line's own id)
     * @param split {@link #HELDOUT} or {@link #FIT} (missing: fit)
     * @param file the name of the file it came from (a batch), or empty
     */
    public record Sample(String id, String kind, String expect, String text, String topic, String split, String file) {
        public Sample(String id, String kind, String expect, String text, String topic, String split) {
            this(id, kind, expect, text, topic, split, "");
        }

        public boolean negative() {
            return expect == null;
        }

        public boolean heldout() {
            return HELDOUT.equals(split);
        }
    }

    /**
     * The outcome of one sample: the ranked candidate ids, the confidence and whether it matched,
     * and the top candidate's score (its probability of being the entry: what ticket triage's
     * {@code auto_reply} acts on; confidence is the chance that some entry fits, which stays high
     * when two entries share it).
     */
    public record Outcome(Sample sample, List<String> ranked, double confidence, boolean matched, double score) {
        public Outcome {
            ranked = List.copyOf(ranked);
        }

        static Outcome of(Sample s, Match m) {
            return new Outcome(s, m.results().stream().map(Match.Candidate::id).toList(), m.confidence(), m.matched(),
                    m.results().isEmpty() ? 0 : m.results().get(0).score());
        }

        /** The top candidate, whether matched or not ("none" when there is none). */
        String top() {
            return ranked.isEmpty() ? "none" : ranked.get(0);
        }

        /** What the matcher answered: the top entry when matched, else "none". */
        String answer() {
            return matched ? top() : "none";
        }

        /** Right: the expected entry matched first, or for a negative nothing matched. */
        public boolean top1() {
            return sample.negative() ? !matched : matched && top().equals(sample.expect());
        }

        public boolean top3() {
            return sample.negative() ? !matched : ranked.stream().limit(3).anyMatch(sample.expect()::equals);
        }

        /**
         * Whether the top candidate is the right entry, matched or not: what confidence claims the
         * chance of (a negative has no right entry, so it never is).
         */
        boolean topRight() {
            return !sample.negative() && top().equals(sample.expect());
        }
    }

    /** The inputs each headline figure counts over (a qualified NOISE: it is declared further down). */
    private static final Predicate<Outcome> POSITIVE =
            o -> !o.sample().negative() && !o.sample().kind().equals(Evaluation.NOISE);
    private static final Predicate<Outcome> NEGATIVE = o -> o.sample().negative();

    /** Figures over a set of outcomes. */
    public record Report(List<Outcome> outcomes) {
        public Report {
            outcomes = List.copyOf(outcomes);
        }

        public Report where(Predicate<Outcome> keep) {
            return new Report(outcomes.stream().filter(keep).toList());
        }

        public Report heldout() {
            return where(o -> o.sample().heldout());
        }

        public Report fitted() {
            return where(o -> !o.sample().heldout());
        }

        public int size() {
            return outcomes.size();
        }

        public double top1(String kind) {
            return share(o -> o.sample().kind().equals(kind), Outcome::top1);
        }

        public double top3(String kind) {
            return share(o -> o.sample().kind().equals(kind), Outcome::top3);
        }

        /** Top-1 over the positives, OCR-noised copies left out (they have their own figure). */
        public double positivesTop1() {
            return share(POSITIVE, Outcome::top1);
        }

        public double negativesRejected() {
            return share(NEGATIVE, Outcome::top1);
        }

        /** How many positives {@link #positivesTop1} counts over. */
        public int positives() {
            return where(POSITIVE).size();
        }

        /** How many negatives {@link #negativesRejected} counts over. */
        public int negatives() {
            return where(NEGATIVE).size();
        }

        /** Top-1 over the OCR inputs: real OCR reads and the seeded noised copies. */
        public double ocrTop1() {
            return share(o -> !o.sample().negative() && (o.sample().kind().equals("ocr") || o.sample().kind().equals(NOISE)),
                    Outcome::top1);
        }

        private double share(Predicate<Outcome> in, Predicate<Outcome> ok) {
            List<Outcome> k = outcomes.stream().filter(in).toList();
            return k.isEmpty() ? 0 : (double) k.stream().filter(ok).count() / k.size();
        }

        public List<Outcome> misses() {
            return outcomes.stream().filter(o -> !o.top1()).toList();
        }

        /**
         * Expected calibration error of {@code confidence} as the chance that the top candidate is
         * right, over {@code bins} equal-width bins.
         */
        public double calibrationError(int bins) {
            double ece = 0;
            for (Bin b : reliability(bins)) {
                ece += (double) b.n() / Math.max(1, outcomes.size()) * Math.abs(b.accuracy() - b.meanConfidence());
            }
            return ece;
        }

        /** The reliability table: per confidence bin, how many inputs and how often the top was right. */
        public List<Bin> reliability(int bins) {
            List<Bin> out = new ArrayList<>();
            for (int b = 0; b < bins; b++) {
                double lo = (double) b / bins;
                double hi = (double) (b + 1) / bins;
                boolean last = b == bins - 1;
                List<Outcome> in = outcomes.stream()
                        .filter(o -> o.confidence() >= lo && (last ? o.confidence() <= hi : o.confidence() < hi)).toList();
                double mean = in.stream().mapToDouble(Outcome::confidence).average().orElse(0);
                double acc = in.isEmpty() ? 0 : (double) in.stream().filter(Outcome::topRight).count() / in.size();
                out.add(new Bin(lo, hi, in.size(), mean, acc));
            }
            return out;
        }

        /**
         * Answering only when the top candidate's score is at least {@code t} (as ticket triage's
         * {@code auto_reply} does): the share of all inputs answered and the precision of those
         * answers (the top entry is the expected one).
         */
        public Point at(double t) {
            List<Outcome> answered = outcomes.stream().filter(o -> !o.ranked().isEmpty() && o.score() >= t).toList();
            long right = answered.stream().filter(Outcome::topRight).count();
            return new Point(t, answered.size(), answered.isEmpty() ? 1 : (double) right / answered.size(),
                    (double) answered.size() / Math.max(1, outcomes.size()));
        }

        /**
         * The lowest top-score threshold whose answers are at least {@code precision} right, and
         * stay so for every higher threshold; the point shows what share it answers.
         */
        public Point lowestThresholdFor(double precision) {
            TreeSet<Double> levels = new TreeSet<>(Comparator.reverseOrder());
            outcomes.forEach(o -> levels.add(o.score()));
            Point best = new Point(1.0001, 0, 1, 0);
            for (double t : levels) {
                Point p = at(t);
                if (p.precision() < precision) {
                    break;
                }
                best = p;
            }
            return best;
        }
    }

    /** One bin of the reliability table. */
    public record Bin(double low, double high, int n, double meanConfidence, double accuracy) {}

    /** One point of the precision/coverage curve. */
    public record Point(double threshold, int answered, double precision, double coverage) {}

    public static final String NOISE = "ocr-noise";
    private static final long SEED = 20261124L;
    private static final double NOISE_RATE = 0.06;
    private static final int FOLDS = 5;
    private static final int BINS = 10;

    private Evaluation() {}

    /** Every {@code *.jsonl} file of the folders, in folder order then file-name order. */
    public static List<Sample> load(List<Path> folders) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (Path f : folders) {
            out.addAll(load(f));
        }
        return out;
    }

    public static List<Sample> load(Path folder) throws IOException {
        return samples(DevSetLines.read(folder));
    }

    /** One file of labelled lines (a batch to try). */
    public static List<Sample> loadFile(Path file) throws IOException {
        return samples(DevSetLines.readFile(file));
    }

    private static List<Sample> samples(List<DevSetLines.Line> lines) throws IOException {
        List<Sample> out = new ArrayList<>();
        for (DevSetLines.Line l : lines) {
            JsonNode n = l.expectJson();
            Path file = l.file();
            int line = l.number();
            JsonNode expect = n.get("expect");
            String id = n.path("id").asText(file.getFileName() + ":" + line);
            String split = n.path("split").asText(FIT);
            if (!split.equals(FIT) && !split.equals(HELDOUT)) {
                throw new IOException(file + ":" + line + ": split must be \"fit\" or \"heldout\", not \"" + split + "\"");
            }
            out.add(new Sample(id, n.path("kind").asText("unknown"),
                    expect == null || expect.isNull() ? null : expect.asText(), n.path("text").asText(),
                    n.path("topic").asText(id), split, file.getFileName().toString()));
        }
        return out;
    }

    /** The samples plus a seeded OCR-noised copy of every clean page text (same topic and split). */
    public static List<Sample> withNoise(List<Sample> samples) {
        OcrNoise noise = new OcrNoise(NOISE_RATE);
        List<Sample> out = new ArrayList<>(samples);
        for (Sample s : samples) {
            if (s.kind().equals("page") && !s.negative()) {
                out.add(new Sample(s.id() + "~noise", NOISE, s.expect(), noise.apply(s.text(), SEED ^ s.id().hashCode()),
                        s.topic(), s.split(), s.file()));
            }
        }
        return out;
    }

    public static Report run(Matcher matcher, List<Sample> samples) {
        return new Report(samples.stream().map(s -> Outcome.of(s, matcher.match(s.text(), 5))).toList());
    }

    /** One sample's candidates as features, scored later with any weights. */
    record Rows(Sample sample, List<String> ids, List<double[]> features, double[] none) {
        static Rows of(Sample s, Matcher.Scoring scoring) {
            return new Rows(s, scoring.candidates().stream().map(c -> c.entry().id()).toList(),
                    scoring.candidates().stream().map(Matcher.Candidate::features).toList(), scoring.none());
        }
    }

    static List<Rows> features(Matcher matcher, List<Sample> samples) {
        List<Rows> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(Rows.of(s, matcher.score(s.text(), Matcher.Path.LEXICAL)));
        }
        return out;
    }

    /** A sample's rows in both layouts: lexical, and with the semantic features (null when the part is off). */
    record Both(Rows lexical, Rows semantic) {}

    static List<Both> bothFeatures(Matcher matcher, List<Sample> samples) {
        List<Both> out = new ArrayList<>();
        for (Sample s : samples) {
            Rows lexical = Rows.of(s, matcher.score(s.text(), Matcher.Path.LEXICAL));
            Rows semantic = matcher.semantic() ? Rows.of(s, matcher.score(s.text(), Matcher.Path.SEMANTIC)) : null;
            out.add(new Both(lexical, semantic));
        }
        return out;
    }

    /** The lexical model's top probability for a row: at or above the cut, the cascade stops there. */
    static double top(Rows r, double[] w) {
        double best = 0;
        for (double p : ChoiceModel.choice(w, r.features(), r.none())) {
            best = Math.max(best, p);
        }
        return best;
    }

    /**
     * Fits the choice model's weights: for each text, the labelled entry should be chosen among
     * its candidates, or "none of these" for a negative. Full-batch gradient descent on the
     * log-likelihood with a light L2 penalty.
     */
    public static double[] fit(List<Rows> rows) {
        int width = rows.stream().filter(r -> !r.features().isEmpty()).findFirst().map(r -> r.features().get(0).length)
                .orElse(ChoiceModel.NAMES.length);
        int noneAt = 1 + width;
        int k = noneAt + ChoiceModel.NONE.length;
        double[] w = new double[k];
        double rate = 1.0;
        double l2 = 1e-3;
        for (int iter = 0; iter < 3000; iter++) {
            double[] grad = new double[k];
            int n = 0;
            for (Rows r : rows) {
                int label = r.sample().negative() ? -1 : r.ids().indexOf(r.sample().expect());
                if (!r.sample().negative() && label < 0) {
                    continue; // the labelled entry is not even a candidate: nothing to learn here
                }
                double[] p = ChoiceModel.choice(w, r.features(), r.none());
                double pNone = 1;
                for (int i = 0; i < p.length; i++) {
                    double err = p[i] - (i == label ? 1 : 0);
                    double[] f = r.features().get(i);
                    for (int j = 0; j < f.length; j++) {
                        grad[j + 1] += err * f[j];
                    }
                    pNone -= p[i];
                }
                double errNone = pNone - (label < 0 ? 1 : 0);
                grad[0] += errNone;
                for (int j = 0; j < r.none().length; j++) {
                    grad[noneAt + j] += errNone * r.none()[j];
                }
                n++;
            }
            for (int j = 0; j < k; j++) {
                w[j] -= rate * (grad[j] / Math.max(1, n) + (j == 0 ? 0 : l2 * w[j]));
            }
        }
        return w;
    }

    /**
     * What the matcher would answer for a row under weights {@code w}: the same rule as
     * {@link Matcher#match} (candidates under {@link Matcher#MIN_SHOWN} are not offered; matched
     * when the in-scope probability reaches the threshold).
     */
    static Outcome predict(Rows r, double[] w, double threshold) {
        double[] probs = ChoiceModel.choice(w, r.features(), r.none());
        List<Integer> order = new ArrayList<>();
        double inScope = 0;
        for (int i = 0; i < probs.length; i++) {
            inScope += probs[i];
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -probs[i]).thenComparing(i -> r.ids().get(i)));
        List<String> ranked = order.stream().filter(i -> probs[i] >= Matcher.MIN_SHOWN).limit(5).map(r.ids()::get).toList();
        double confidence = ranked.isEmpty() ? 0 : Matcher.round(Math.min(1, inScope));
        double score = ranked.isEmpty() ? 0 : Matcher.round(probs[order.get(0)]);
        return new Outcome(r.sample(), ranked, confidence, confidence >= threshold, score);
    }

    /**
     * Cross-validation over the fit split: topics are dealt into {@link #FOLDS} folds, each fold is
     * predicted by weights fitted on the other four. Noised copies share their page's topic.
     */
    public static Report crossValidate(List<Rows> fitRows, double threshold) {
        return crossValidate(fitRows, threshold, 0);
    }

    /** The same over the folds of another assignment of topics to folds (0: {@link #fold(Sample)}'s). */
    static Report crossValidate(List<Rows> fitRows, double threshold, int assignment) {
        List<Outcome> out = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Rows> train = new ArrayList<>();
            List<Rows> test = new ArrayList<>();
            for (Rows r : fitRows) {
                (fold(r.sample(), assignment) == fold ? test : train).add(r);
            }
            double[] w = fit(train);
            test.forEach(r -> out.add(predict(r, w, threshold)));
        }
        return new Report(out);
    }

    static int fold(Sample s) {
        return Math.floorMod(s.topic().hashCode(), FOLDS);
    }

    /**
     * A topic's fold under assignment {@code a}: 0 is {@link #fold(Sample)}; the others mix the
     * topic's hash with {@code a} (SplitMix64's finaliser), since a suffix on the topic would only
     * shift every fold number by the same amount and deal the same folds again.
     */
    static int fold(Sample s, int a) {
        if (a == 0) {
            return fold(s);
        }
        long z = s.topic().hashCode() * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Math.floorMod(z, (long) FOLDS);
    }

    /**
     * The cross-validated misses of the fit split under {@code assignments} assignments of topics
     * to folds (the first is {@link #fold(Sample)}'s), at one threshold. One assignment's count
     * moves by two to seven lines with the folds alone, as much as a feature or a weighting gains;
     * the mean over several is the figure to decide on.
     */
    static List<Integer> repeatedMisses(List<Rows> fitRows, double threshold, int assignments) {
        List<Integer> out = new ArrayList<>();
        for (int a = 0; a < assignments; a++) {
            out.add(crossValidate(fitRows, threshold, a).misses().size());
        }
        return out;
    }

    /** Thresholds tried when choosing one on the cross-validation. */
    static final double LOWEST_THRESHOLD = 0.30;
    static final double HIGHEST_THRESHOLD = 0.90;

    /**
     * The confidence threshold that makes the most of the cross-validated predictions of the fit
     * split: the most inputs decided right, a positive answered with the right entry or a negative
     * left unanswered, each input counting once. (Adding the two shares instead made one of the
     * fit split's 137 negatives worth four of its 561 positives: the threshold then rose to reject
     * one more negative at the cost of three right answers, and moved from 0.60 to 0.75 when a
     * single label was corrected.) Ties go to the lower threshold, which answers more.
     */
    public static double chooseThreshold(Report cv) {
        double best = LOWEST_THRESHOLD;
        long bestRight = -1;
        for (int i = 0; LOWEST_THRESHOLD + i * 0.01 <= HIGHEST_THRESHOLD + 1e-9; i++) {
            double t = LOWEST_THRESHOLD + i * 0.01;
            long right = cv.outcomes().stream().filter(o -> decidedRight(o, t)).count();
            if (right > bestRight) {
                bestRight = right;
                best = t;
            }
        }
        return Math.round(best * 100) / 100.0;
    }

    /** A negative left unanswered, or a positive answered with the right entry, at threshold {@code t}. */
    private static boolean decidedRight(Outcome o, double t) {
        if (o.sample().negative()) {
            return o.confidence() < t;
        }
        return o.confidence() >= t && !o.ranked().isEmpty() && o.ranked().get(0).equals(o.sample().expect());
    }

    /** The same predictions answered at another threshold. */
    static Report rethreshold(Report r, double threshold) {
        return new Report(r.outcomes().stream()
                .map(o -> new Outcome(o.sample(), o.ranked(), o.confidence(), o.confidence() >= threshold, o.score())).toList());
    }

    /**
     * The result of {@link #evaluate}: figures per protocol and, when asked, new weights.
     *
     * @param semantic the comparison of the lexical, the semantic and the cascade models, when the
     *     matcher has the semantic part (else null)
     */
    public record Protocol(Report heldout, Report crossValidated, Report inSample, double[] fitted, Comparison semantic,
                           double threshold, List<Integer> repeatedMisses) {
        public Protocol {
            repeatedMisses = List.copyOf(repeatedMisses);
        }

        /** Without the repeated cross-validation. */
        public Protocol(Report heldout, Report crossValidated, Report inSample, double[] fitted, Comparison semantic,
                        double threshold) {
            this(heldout, crossValidated, inSample, fitted, semantic, threshold, List.of());
        }
    }

    /**
     * The three ways of scoring side by side, held-out and cross-validated: the lexical model
     * alone, the semantic model on every text, and the cascade (semantic only where the lexical
     * top candidate is below {@code cut}).
     *
     * @param cut the cascade's cut (chosen on the cross-validated fit split when refitting)
     * @param fitted the refitted semantic model, or null without a refit
     * @param semanticShare share of all dev-set inputs the cascade sent down the semantic path
     * @param heldoutShare the same over the held-out inputs
     */
    public record Comparison(Report heldoutLexical, Report heldoutSemantic, Report heldoutCascade,
                             Report cvLexical, Report cvSemantic, Report cvCascade, double cut,
                             Tuning.SemanticModel fitted, double semanticShare, double heldoutShare) {}

    /** The cuts the cascade may use; above 1 every text takes the semantic path. */
    static final double[] CUTS = {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999, 1.01};

    /** One fit-split row predicted out of fold by all three. */
    private record Held(Outcome lexical, Outcome semantic, double lexicalTop) {
        Outcome cascade(double cut) {
            return lexicalTop >= cut ? lexical : semantic;
        }
    }

    /**
     * The whole protocol for a matcher: held-out and in-sample figures with its weights, and the
     * cross-validation over the fit split. With {@code refit}, weights are fitted on every fit line
     * first and the held-out and in-sample figures are those of the new weights; with the semantic
     * part, both models are fitted and the cascade's cut is the lowest that keeps the
     * cross-validated fit-split answers of the always-semantic model (one input of slack).
     */
    public static Protocol evaluate(Matcher matcher, List<Sample> samples, boolean refit) {
        return evaluate(matcher, samples, refit, 1);
    }

    /**
     * With {@code assignments} above 1, the lexical model's cross-validation is repeated under that
     * many assignments of topics to folds ({@link Protocol#repeatedMisses}), with the semantic part
     * on too.
     */
    public static Protocol evaluate(Matcher matcher, List<Sample> samples, boolean refit, int assignments) {
        List<Sample> fitSamples = samples.stream().filter(s -> !s.heldout()).toList();
        double threshold = matcher.tuning().threshold();
        if (!matcher.semantic()) {
            List<Rows> fitRows = features(matcher, fitSamples);
            Report cv = crossValidate(fitRows, threshold);
            double[] fitted = null;
            Matcher used = matcher;
            if (refit) {
                fitted = fit(fitRows);
                threshold = chooseThreshold(cv);
                cv = rethreshold(cv, threshold);
                used = matcher.withTuning(matcher.tuning().withWeights(fitted).withThreshold(threshold));
            }
            Report all = run(used, samples);
            return new Protocol(all.heldout(), cv, all.fitted(), fitted, null, threshold,
                    assignments > 1 ? repeatedMisses(fitRows, threshold, assignments) : List.of());
        }
        double semanticThreshold = matcher.tuning().threshold(true);
        List<Both> rows = bothFeatures(matcher, samples);
        List<Both> fitRows = rows.stream().filter(b -> !b.lexical().sample().heldout()).toList();
        List<Held> held = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Rows> trainLex = new ArrayList<>();
            List<Rows> trainSem = new ArrayList<>();
            List<Both> test = new ArrayList<>();
            for (Both b : fitRows) {
                if (fold(b.lexical().sample()) == fold) {
                    test.add(b);
                } else {
                    trainLex.add(b.lexical());
                    trainSem.add(b.semantic());
                }
            }
            double[] wLex = fit(trainLex);
            double[] wSem = fit(trainSem);
            for (Both b : test) {
                held.add(new Held(predict(b.lexical(), wLex, threshold), predict(b.semantic(), wSem, semanticThreshold),
                        top(b.lexical(), wLex)));
            }
        }
        Tuning.SemanticModel current = matcher.tuning().semantic().orElseThrow();
        double cut = current.cut();
        double[] wLex = matcher.tuning().weights();
        double[] wSem = current.weights();
        Tuning.SemanticModel fittedSemantic = null;
        if (refit) {
            long always = held.stream().filter(h -> h.semantic().top1()).count();
            cut = CUTS[CUTS.length - 1];
            for (double c : CUTS) {
                double at = c;
                if (held.stream().filter(h -> h.cascade(at).top1()).count() >= always - 1) {
                    cut = c;
                    break;
                }
            }
            wLex = fit(fitRows.stream().map(Both::lexical).toList());
            wSem = fit(fitRows.stream().map(Both::semantic).toList());
        }
        double c = cut;
        Report cvLex = new Report(held.stream().map(Held::lexical).toList());
        Report cvSem = new Report(held.stream().map(Held::semantic).toList());
        Report cvCascade = new Report(held.stream().map(h -> h.cascade(c)).toList());
        if (refit) {
            // each model's own threshold, the one it answers best at on the fit split alone: the
            // lexical one serves with the semantic part off, the cascade's with it on
            threshold = chooseThreshold(cvLex);
            semanticThreshold = chooseThreshold(new Report(held.stream().map(h -> h.cascade(c)).toList()));
            fittedSemantic = new Tuning.SemanticModel(wSem, cut, current.fitted(), semanticThreshold);
        }
        // a cascade answer settled on the lexical side is still held to the cascade's threshold
        cvLex = rethreshold(cvLex, threshold);
        cvSem = rethreshold(cvSem, semanticThreshold);
        cvCascade = rethreshold(cvCascade, semanticThreshold);
        double t = threshold;
        double ts = semanticThreshold;
        List<Both> heldRows = rows.stream().filter(b -> b.lexical().sample().heldout()).toList();
        double[] l = wLex;
        double[] m = wSem;
        Report hLex = new Report(heldRows.stream().map(b -> predict(b.lexical(), l, t)).toList());
        Report hSem = new Report(heldRows.stream().map(b -> predict(b.semantic(), m, ts)).toList());
        Report hCascade = new Report(heldRows.stream().map(b -> top(b.lexical(), l) >= c
                ? predict(b.lexical(), l, ts) : predict(b.semantic(), m, ts)).toList());
        double share = (double) rows.stream().filter(b -> top(b.lexical(), l) < c).count() / Math.max(1, rows.size());
        double heldShare = (double) heldRows.stream().filter(b -> top(b.lexical(), l) < c).count() / Math.max(1, heldRows.size());
        Matcher used = matcher;
        if (refit) {
            used = matcher.withTuning(matcher.tuning().withThreshold(t)).withWeights(wLex).withSemantic(fittedSemantic);
        }
        Report all = run(used, samples);
        List<Integer> repeated = assignments > 1
                ? repeatedMisses(fitRows.stream().map(Both::lexical).toList(), t, assignments) : List.of();
        return new Protocol(all.heldout(), cvCascade, all.fitted(), refit ? wLex : null,
                new Comparison(hLex, hSem, hCascade, cvLex, cvSem, cvCascade, cut, fittedSemantic, share, heldShare), t,
                repeated);
    }

    /**
     * The batch rule's figures for a batch of new lines (see {@code kb/eval/README.md}): the fit
     * split's cross-validated misses without and with the batch in it, and the batch's own misses
     * by the shipped model (never fitted on them) and cross-validated with them. Held-out lines are
     * never read.
     */
    public record Trial(int fitInputs, int missesWithout, int missesWith, int batchInputs, int batchMissesUnfitted,
                        int batchMissesWith) {
        /** Fit on the batch only when the lines that were there do not get worse. */
        public boolean passes() {
            return missesWith <= missesWithout;
        }
    }

    /**
     * Tries {@code batch} as fit lines next to {@code samples}: two cross-validations with the
     * matcher's threshold (weights refitted per fold, as always) and one run of the matcher as it is.
     *
     * @throws IllegalArgumentException when a batch id is already in the dev set
     */
    public static Trial tryBatch(Matcher matcher, List<Sample> samples, List<Sample> batch) {
        java.util.Set<String> known = new java.util.HashSet<>();
        samples.forEach(s -> known.add(s.id()));
        List<Sample> asFit = new ArrayList<>();
        java.util.Set<String> batchIds = new java.util.HashSet<>();
        for (Sample s : batch) {
            if (known.contains(s.id())) {
                throw new IllegalArgumentException("the batch's line " + s.id() + " is already in the dev set");
            }
            batchIds.add(s.id());
            asFit.add(new Sample(s.id(), s.kind(), s.expect(), s.text(), s.topic(), FIT, s.file()));
        }
        // The cross-validation reads the fit lines only: the held-out ones are not even scored.
        List<Sample> fit = samples.stream().filter(s -> !s.heldout()).toList();
        Report without = evaluate(matcher, fit, false).crossValidated();
        List<Sample> both = new ArrayList<>(fit);
        both.addAll(asFit);
        Report with = evaluate(matcher, both, false).crossValidated();
        int missesWith = (int) with.misses().stream().filter(o -> !batchIds.contains(o.sample().id())).count();
        int batchWith = (int) with.misses().stream().filter(o -> batchIds.contains(o.sample().id())).count();
        return new Trial(without.size(), without.misses().size(), missesWith, asFit.size(),
                run(matcher, asFit).misses().size(), batchWith);
    }

    public static void print(Trial t, PrintStream out) {
        out.printf(Locale.ROOT, "batch rule: the %d fit inputs' cross-validated misses: %d without the batch, %d with it%n",
                t.fitInputs(), t.missesWithout(), t.missesWith());
        out.printf(Locale.ROOT, "the batch's own %d inputs: %d missed by the shipped model (never fitted on them), %d"
                + " cross-validated with them in the fit split%n", t.batchInputs(), t.batchMissesUnfitted(), t.batchMissesWith());
        out.println(t.passes()
                ? "passes: the older lines do not get worse; fit on it (add it with split fit, then eval --fit --write)"
                : "fails: the older lines get worse; keep it as a held-out batch (split heldout)");
    }

    /** The with/without table: one line per model, held-out first, then cross-validated. */
    public static void printComparison(Comparison c, PrintStream out) {
        out.println("semantic features: held-out (never fitted on), then 5-fold CV on the fit split");
        out.printf(Locale.ROOT, "  %-34s %9s %9s %9s %14s%n", "model", "positives", "negatives", "ocr", "p99 coverage");
        row(out, "held-out lexical only", c.heldoutLexical());
        row(out, "held-out semantic on every text", c.heldoutSemantic());
        row(out, String.format(Locale.ROOT, "held-out cascade (cut %.3f)", c.cut()), c.heldoutCascade());
        row(out, "cv lexical only", c.cvLexical());
        row(out, "cv semantic on every text", c.cvSemantic());
        row(out, String.format(Locale.ROOT, "cv cascade (cut %.3f)", c.cut()), c.cvCascade());
        out.printf(Locale.ROOT, "  cascade: %.1f%% of all dev-set inputs took the semantic path (%.1f%% of held-out)%n",
                100 * c.semanticShare(), 100 * c.heldoutShare());
        printByFile(c, out);
    }

    /**
     * The held-out lines file by file (a fresh batch is one file), each model's positives and
     * negatives: a batch written apart from the matcher is the cleanest figure there is, and one
     * run gives them all.
     */
    static void printByFile(Comparison c, PrintStream out) {
        java.util.Set<String> files = new java.util.LinkedHashSet<>();
        for (Outcome o : c.heldoutCascade().outcomes()) {
            files.add(o.sample().file());
        }
        if (files.size() < 2) {
            return;
        }
        out.println("held-out by file: positives / negatives, cascade | semantic on every text | lexical only");
        for (String f : files) {
            Predicate<Outcome> in = o -> o.sample().file().equals(f);
            Report cascade = c.heldoutCascade().where(in);
            Report semantic = c.heldoutSemantic().where(in);
            Report lexical = c.heldoutLexical().where(in);
            out.printf(Locale.ROOT, "  %-34s %4d  %s | %s | %s%n", f.isEmpty() ? "(no file)" : f, cascade.size(),
                    posNeg(cascade), posNeg(semantic), posNeg(lexical));
        }
    }

    private static String posNeg(Report r) {
        return share(r.positivesTop1(), r.positives()) + " / " + share(r.negativesRejected(), r.negatives());
    }

    /** A share, or a dash where there was nothing to count. */
    private static String share(double share, int n) {
        return n == 0 ? "    -" : String.format(Locale.ROOT, "%5.1f%%", 100 * share);
    }

    private static void row(PrintStream out, String name, Report r) {
        Point p99 = r.lowestThresholdFor(0.99);
        out.printf(Locale.ROOT, "  %-34s %8.1f%% %8.1f%% %8.1f%% %7.1f%% @%.3f%n", name, 100 * r.positivesTop1(),
                100 * r.negativesRejected(), 100 * r.ocrTop1(), 100 * p99.coverage(), p99.threshold());
    }

    public static void print(Protocol p, PrintStream out) {
        print(p, out, true);
    }

    /**
     * The protocol's figures; without {@code heldoutMisses} the held-out misses are left out (their
     * count stays), so whoever tunes features or KB text from the output never reads them, and the
     * cross-validated misses are listed instead: they are the ones to work from.
     */
    public static void print(Protocol p, PrintStream out, boolean heldoutMisses) {
        out.println("== HELD-OUT (never fitted on): " + p.heldout().size() + " inputs");
        print(p.heldout(), out, true, heldoutMisses);
        out.println();
        if (p.semantic() != null) {
            printComparison(p.semantic(), out);
            out.println();
        }
        out.println("== 5-FOLD CROSS-VALIDATION on the fit split (folds by topic): " + p.crossValidated().size() + " inputs");
        summary(p.crossValidated(), out);
        if (p.fitted() != null) {
            out.printf(java.util.Locale.ROOT, "threshold chosen on this cross-validation: %.2f%n", p.threshold());
            if (p.semantic() != null && p.semantic().fitted() != null) {
                out.printf(java.util.Locale.ROOT, "the cascade's own threshold, chosen on its cross-validation: %.2f%n",
                        p.semantic().fitted().threshold());
            }
        }
        if (!p.repeatedMisses().isEmpty()) {
            List<Integer> m = p.repeatedMisses();
            // with the semantic part on, the cross-validation above is the cascade's: the repeated
            // one is the lexical model's, whose first assignment is the table's "cv lexical only"
            boolean lexical = p.semantic() == null;
            out.printf(java.util.Locale.ROOT, "%s under %d assignments of topics to folds (the first is %s): %s, mean %.1f of %d%n",
                    lexical ? "misses" : "lexical model's misses", m.size(), lexical ? "this one" : "the table's cv lexical only",
                    m.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(" / ")),
                    m.stream().mapToInt(Integer::intValue).average().orElse(0), p.crossValidated().size());
        }
        if (!heldoutMisses) {
            printMisses(p.crossValidated(), out);
        }
        out.println();
        out.println("== IN-SAMPLE (the fit split the weights were fitted on): " + p.inSample().size() + " inputs");
        print(p.inSample(), out, false);
    }

    /** Kinds, entries, confusions, calibration and, with {@code curve}, the precision/coverage curve. */
    public static void print(Report report, PrintStream out, boolean curve) {
        print(report, out, curve, true);
    }

    /** With {@code misses} false, the misses are counted, not listed (held-out misses are not to be tuned on). */
    public static void print(Report report, PrintStream out, boolean curve, boolean misses) {
        Map<String, int[]> kinds = new TreeMap<>();
        for (Outcome o : report.outcomes()) {
            kinds.computeIfAbsent(o.sample().kind(), k -> new int[1])[0]++;
        }
        out.printf(Locale.ROOT, "%-12s %6s %8s %8s%n", "kind", "n", "top-1", "top-3");
        kinds.forEach((kind, n) -> out.printf(Locale.ROOT, "%-12s %6d %7.1f%% %7.1f%%%n",
                kind, n[0], 100 * report.top1(kind), 100 * report.top3(kind)));
        summary(report, out);
        Map<String, int[]> entries = new TreeMap<>();
        for (Outcome o : report.outcomes()) {
            int[] c = entries.computeIfAbsent(o.sample().negative() ? "(none)" : o.sample().expect(), k -> new int[2]);
            c[0]++;
            c[1] += o.top1() ? 1 : 0;
        }
        out.printf(Locale.ROOT, "%-28s %6s %8s%n", "expected entry", "n", "top-1");
        entries.forEach((e, c) -> out.printf(Locale.ROOT, "%-28s %6d %7.1f%%%n", e, c[0], 100.0 * c[1] / c[0]));
        Map<String, Integer> confusion = new TreeMap<>();
        for (Outcome o : report.misses()) {
            confusion.merge((o.sample().negative() ? "none" : o.sample().expect()) + " -> " + o.answer(), 1, Integer::sum);
        }
        out.println("confusions (expected -> answered, count):");
        confusion.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf(Locale.ROOT, "  %-56s %3d%n", e.getKey(), e.getValue()));
        out.println("calibration (confidence vs share whose top candidate is the expected entry):");
        out.printf(Locale.ROOT, "  %-11s %5s %9s %9s%n", "confidence", "n", "mean", "observed");
        for (Bin b : report.reliability(BINS)) {
            if (b.n() > 0) {
                out.printf(Locale.ROOT, "  %.1f-%.1f   %5d %8.3f %8.3f%n", b.low(), b.high(), b.n(), b.meanConfidence(), b.accuracy());
            }
        }
        out.printf(Locale.ROOT, "  expected calibration error: %.3f%n", report.calibrationError(BINS));
        if (curve) {
            out.println("precision/coverage (answer only when the top candidate's score >= threshold, as ticket auto_reply does;"
                    + " coverage = share of all inputs answered):");
            out.printf(Locale.ROOT, "  %-9s %8s %10s %9s%n", "threshold", "answered", "precision", "coverage");
            for (double t : new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999}) {
                Point pt = report.at(t);
                out.printf(Locale.ROOT, "  %-9.3f %8d %9.1f%% %8.1f%%%n", t, pt.answered(), 100 * pt.precision(), 100 * pt.coverage());
            }
            Point p99 = report.lowestThresholdFor(0.99);
            out.printf(Locale.ROOT, "  lowest threshold with precision >= 99%%: %.3f, answering %.1f%% of inputs (%d) at %.1f%%%n",
                    p99.threshold(), 100 * p99.coverage(), p99.answered(), 100 * p99.precision());
        }
        if (misses) {
            printMisses(report, out);
        } else {
            out.println("misses: " + report.misses().size() + " (not listed)");
        }
    }

    private static void printMisses(Report report, PrintStream out) {
        List<Outcome> misses = report.misses();
        out.println("misses: " + misses.size());
        for (Outcome o : misses) {
            String got = o.ranked().isEmpty() ? "nothing" : o.top() + " " + o.confidence() + (o.matched() ? "" : " (not matched)");
            out.printf(Locale.ROOT, "  %-28s %-12s expected %-24s got %s | %s%n", o.sample().id(), o.sample().kind(),
                    o.sample().expect() == null ? "no match" : o.sample().expect(), got, abbreviate(o.sample().text()));
        }
    }

    private static void summary(Report report, PrintStream out) {
        out.printf(Locale.ROOT, "positives top-1 (without ocr-noise): %.1f%%; ocr (read and noised) top-1: %.1f%%;"
                        + " ocr-noise top-1: %.1f%%; negatives rejected: %.1f%%%n",
                100 * report.positivesTop1(), 100 * report.ocrTop1(), 100 * report.top1(NOISE), 100 * report.negativesRejected());
    }

    /** The figures of one report, as before the protocol: kinds, totals and every miss. */
    public static void print(Report report, PrintStream out) {
        print(report, out, false);
    }

    /** The weights as the fit prints them, named. */
    public static void printWeights(double[] w, PrintStream out) {
        StringBuilder sb = new StringBuilder("fitted weights (intercept, ");
        String[] names = w.length == ChoiceModel.SEMANTIC_WEIGHTS ? ChoiceModel.SEMANTIC_NAMES : ChoiceModel.NAMES;
        sb.append(String.join(", ", names)).append(", none: ")
                .append(String.join(", ", ChoiceModel.NONE)).append("):\n    ");
        for (double v : w) {
            sb.append(String.format(Locale.ROOT, "%.3f, ", v));
        }
        out.println(sb.toString().strip());
    }

    private static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= 90 ? one : one.substring(0, 87) + "...";
    }
}
