package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the matcher over a labelled dev set (JSON Lines files of {@code {id, kind, expect, text}},
 * {@code expect} null for inputs that must not match) and reports accuracy per kind, the
 * rejection rate of negatives and every miss. Clean page texts also yield a seeded OCR-noised copy
 * (kind {@code ocr-noise}), so the noisy subset is the same on every run.
 */
public final class Evaluation {

    /** One labelled input. */
    public record Sample(String id, String kind, String expect, String text) {
        boolean negative() {
            return expect == null;
        }
    }

    /** The outcome of one sample. */
    public record Outcome(Sample sample, Match match) {
        boolean top1() {
            return sample.negative() ? !match.matched()
                    : match.matched() && match.results().get(0).id().equals(sample.expect());
        }

        boolean top3() {
            return sample.negative() ? !match.matched()
                    : match.results().stream().limit(3).anyMatch(r -> r.id().equals(sample.expect()));
        }
    }

    /** Figures per kind and over all positives. */
    public record Report(List<Outcome> outcomes) {
        public double top1(String kind) {
            return share(kind, Outcome::top1);
        }

        public double top3(String kind) {
            return share(kind, Outcome::top3);
        }

        public double positivesTop1() {
            List<Outcome> p = outcomes.stream().filter(o -> !o.sample().negative() && !o.sample().kind().equals(NOISE)).toList();
            return p.isEmpty() ? 0 : (double) p.stream().filter(Outcome::top1).count() / p.size();
        }

        public double negativesRejected() {
            List<Outcome> n = outcomes.stream().filter(o -> o.sample().negative()).toList();
            return n.isEmpty() ? 0 : (double) n.stream().filter(Outcome::top1).count() / n.size();
        }

        private double share(String kind, java.util.function.Predicate<Outcome> ok) {
            List<Outcome> k = outcomes.stream().filter(o -> o.sample().kind().equals(kind)).toList();
            return k.isEmpty() ? 0 : (double) k.stream().filter(ok).count() / k.size();
        }

        public List<Outcome> misses() {
            return outcomes.stream().filter(o -> !o.top1()).toList();
        }
    }

    public static final String NOISE = "ocr-noise";
    private static final long SEED = 20261124L;
    private static final double NOISE_RATE = 0.06;

    private Evaluation() {}

    public static List<Sample> load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(l);
                } catch (IOException e) {
                    throw new IOException(file + ":" + line + ": not JSON: " + e.getMessage(), e);
                }
                JsonNode expect = n.get("expect");
                out.add(new Sample(n.path("id").asText(file.getFileName() + ":" + line), n.path("kind").asText("unknown"),
                        expect == null || expect.isNull() ? null : expect.asText(), n.path("text").asText()));
            }
        }
        return out;
    }

    /** The samples plus a seeded OCR-noised copy of every clean page text. */
    public static List<Sample> withNoise(List<Sample> samples) {
        OcrNoise noise = new OcrNoise(NOISE_RATE);
        List<Sample> out = new ArrayList<>(samples);
        for (Sample s : samples) {
            if (s.kind().equals("page") && !s.negative()) {
                out.add(new Sample(s.id() + "~noise", NOISE, s.expect(), noise.apply(s.text(), SEED ^ s.id().hashCode())));
            }
        }
        return out;
    }

    public static Report run(Matcher matcher, List<Sample> samples) {
        return new Report(samples.stream().map(s -> new Outcome(s, matcher.match(s.text(), 5))).toList());
    }

    /** One sample's candidates as features, scored later with any weights. */
    record Rows(Sample sample, List<String> ids, List<double[]> features, double[] none) {}

    static List<Rows> features(Matcher matcher, List<Sample> samples) {
        List<Rows> out = new ArrayList<>();
        for (Sample s : samples) {
            Matcher.Scoring scoring = matcher.score(s.text());
            out.add(new Rows(s, scoring.candidates().stream().map(c -> c.entry().id()).toList(),
                    scoring.candidates().stream().map(Matcher.Candidate::features).toList(), scoring.none()));
        }
        return out;
    }

    /**
     * Fits the choice model's weights: for each text, the labelled entry should be chosen among
     * its candidates, or "none of these" for a negative. Full-batch gradient descent on the
     * log-likelihood with a light L2 penalty.
     */
    public static double[] fit(List<Rows> rows) {
        int k = Matcher.Features.WEIGHTS;
        int noneAt = 1 + Matcher.Features.NAMES.length;
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
                double[] p = Matcher.choice(w, r.features(), r.none());
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

    /** Accuracy figures for weights: {positives top-1, negatives rejected, ocr-noise top-1}. */
    static double[] score(List<Rows> rows, double[] w, double threshold) {
        int pos = 0, posOk = 0, neg = 0, negOk = 0, noise = 0, noiseOk = 0;
        for (Rows r : rows) {
            double[] probs = Matcher.choice(w, r.features(), r.none());
            int best = -1;
            double p = -1;
            double inScope = 0;
            for (int i = 0; i < probs.length; i++) {
                inScope += probs[i];
                if (probs[i] > p) {
                    p = probs[i];
                    best = i;
                }
            }
            boolean matched = best >= 0 && inScope >= threshold;
            if (r.sample().negative()) {
                neg++;
                negOk += matched ? 0 : 1;
            } else {
                boolean ok = matched && r.ids().get(best).equals(r.sample().expect());
                if (r.sample().kind().equals(NOISE)) {
                    noise++;
                    noiseOk += ok ? 1 : 0;
                } else {
                    pos++;
                    posOk += ok ? 1 : 0;
                }
            }
        }
        return new double[] {(double) posOk / Math.max(1, pos), (double) negOk / Math.max(1, neg), (double) noiseOk / Math.max(1, noise)};
    }

    /**
     * Fits on all samples and prints the weights, after a 5-fold cross-validation that shows how
     * well weights fitted without a sample do on it (the honest figure for unseen inputs).
     */
    public static double[] fitAndReport(Matcher matcher, List<Sample> samples, PrintStream out) {
        List<Rows> rows = features(matcher, samples);
        double[] cv = new double[3];
        int folds = 5;
        for (int fold = 0; fold < folds; fold++) {
            List<Rows> train = new ArrayList<>();
            List<Rows> test = new ArrayList<>();
            for (Rows r : rows) {
                // Noised copies follow their clean page, so a page never trains its own test.
                int h = Math.floorMod(r.sample().id().replace("~noise", "").hashCode(), folds);
                (h == fold ? test : train).add(r);
            }
            double[] s = score(test, fit(train), matcher.tuning().threshold());
            for (int i = 0; i < 3; i++) {
                cv[i] += s[i] / folds;
            }
        }
        out.printf(Locale.ROOT, "5-fold cross-validation: positives top-1 %.1f%%, negatives rejected %.1f%%, ocr-noise top-1 %.1f%%%n",
                100 * cv[0], 100 * cv[1], 100 * cv[2]);
        double[] w = fit(rows);
        double bestT = matcher.tuning().threshold();
        double bestScore = -1;
        for (double t = 0.2; t <= 0.8001; t += 0.05) {
            double[] s = score(rows, w, t);
            if (s[1] >= 0.9 && s[0] + s[1] > bestScore) {
                bestScore = s[0] + s[1];
                bestT = t;
            }
        }
        out.printf(Locale.ROOT, "threshold with the best positives + negatives (negatives >= 90%%): %.2f%n", bestT);
        StringBuilder sb = new StringBuilder("fitted weights (intercept, ");
        sb.append(String.join(", ", Matcher.Features.NAMES)).append(", none: ")
                .append(String.join(", ", Matcher.Features.NONE)).append("):\n    ");
        for (int i = 0; i < w.length; i++) {
            sb.append(String.format(Locale.ROOT, "%.3f, ", w[i]));
        }
        out.println(sb.toString().strip());
        return w;
    }

    public static void print(Report report, PrintStream out) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Outcome o : report.outcomes()) {
            counts.computeIfAbsent(o.sample().kind(), k -> new int[1])[0]++;
        }
        out.printf(Locale.ROOT, "%-12s %6s %8s %8s%n", "kind", "n", "top-1", "top-3");
        counts.forEach((kind, n) -> out.printf(Locale.ROOT, "%-12s %6d %7.1f%% %7.1f%%%n",
                kind, n[0], 100 * report.top1(kind), 100 * report.top3(kind)));
        out.printf(Locale.ROOT, "positives top-1 (without ocr-noise): %.1f%%%n", 100 * report.positivesTop1());
        out.printf(Locale.ROOT, "ocr-noise top-1: %.1f%%%n", 100 * report.top1(NOISE));
        out.printf(Locale.ROOT, "negatives rejected: %.1f%%%n", 100 * report.negativesRejected());
        List<Outcome> misses = report.misses();
        out.println("misses: " + misses.size());
        for (Outcome o : misses) {
            Match m = o.match();
            String got = m.results().isEmpty() ? "nothing"
                    : m.results().get(0).id() + " " + m.results().get(0).score() + (m.matched() ? "" : " (not matched)");
            out.printf(Locale.ROOT, "  %-28s %-12s expected %-24s got %s | %s%n", o.sample().id(), o.sample().kind(),
                    o.sample().expect() == null ? "no match" : o.sample().expect(), got, abbreviate(o.sample().text()));
        }
    }

    private static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= 90 ? one : one.substring(0, 87) + "...";
    }
}
