package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The choice model: a conditional logit over the candidates plus a "none of these" alternative.
 * A candidate's utility is its features (from {@link #SIGNALS}) times their weights; "none" has an
 * intercept plus the text's own {@link OutOfScopeSignal} features times theirs. The softmax over
 * all alternatives gives each candidate's probability of being the entry the text is about.
 *
 * <p>Weights layout: {@code [none intercept, one per candidate feature (NAMES order), one per text
 * feature (NONE order)]}; they are fitted by {@link Evaluation#fit} and stored by name in {@link Tuning}'s file.
 */
final class ChoiceModel {

    /**
     * The candidate signals, in feature order. Adding a signal: one class here, then a refit. The
     * long-text signal repeats the ones before it, so it comes after them.
     */
    private static final List<Signal> BASE = List.of(
            new WordingSignal(), new CoverageSignal(), new EvidenceSignal(), new LuceneSignal(),
            new StatusSignal(), new TitleSignal(), new FocusSignal(), new ParagraphSignal(), new UnlikeSignal());
    static final List<Signal> SIGNALS = java.util.stream.Stream.concat(BASE.stream(),
            java.util.stream.Stream.of(new LongTextSignal(BASE))).toList();

    /** The lexical candidate features; the semantic model appends {@link #SEMANTIC}'s. */
    static final String[] NAMES = SIGNALS.stream().flatMap(s -> s.names().stream()).toArray(String[]::new);
    static final String[] NONE = OutOfScopeSignal.NAMES.toArray(String[]::new);
    static final int WEIGHTS = 1 + NAMES.length + NONE.length;

    /** The features the semantic part adds after the lexical ones (see {@link SemanticSignal}). */
    static final String[] SEMANTIC = SemanticSignal.NAMES.toArray(String[]::new);
    /** Candidate features of the semantic model: the lexical ones, then {@link #SEMANTIC}. */
    static final String[] SEMANTIC_NAMES = java.util.stream.Stream.concat(java.util.Arrays.stream(NAMES),
            java.util.Arrays.stream(SEMANTIC)).toArray(String[]::new);
    static final int SEMANTIC_WEIGHTS = 1 + SEMANTIC_NAMES.length + NONE.length;

    private ChoiceModel() {}

    /** One candidate's features: every signal's values, concatenated in {@link #SIGNALS} order. */
    static double[] features(List<Signal.PerText> perText, Signal.ScoredCandidate c, int size) {
        double[] f = new double[size];
        int at = 0;
        for (Signal.PerText s : perText) {
            if (s instanceof LongTextSignal.Repeat r) {
                // the base signals come first in SIGNALS, so their values are already in f
                r.fill(f, at);
                at += r.baseLength() + 1;
                continue;
            }
            double[] v = s.values(c);
            System.arraycopy(v, 0, f, at, v.length);
            at += v.length;
        }
        return f;
    }

    static List<Signal.PerText> forText(List<Signal> signals, Query query, Candidates.Found found, TermHits hits,
                                        EntryIndex index) {
        List<Signal.PerText> out = new ArrayList<>(signals.size());
        for (Signal s : signals) {
            out.add(s.forText(query, found, hits, index));
        }
        return out;
    }

    /** A candidate's utility: {@code w[1..]} times its features. */
    static double utility(double[] w, double[] f) {
        double z = 0;
        for (int i = 0; i < f.length; i++) {
            z += w[i + 1] * f[i];
        }
        return z;
    }

    /**
     * Each candidate's probability; what is left is the probability of "none of these". The text
     * features' weights are the last of {@code w}, so one method serves both layouts.
     */
    static double[] choice(double[] w, List<double[]> features, double[] none) {
        double[] z = new double[features.size()];
        double zNone = w[0];
        int noneAt = w.length - none.length;
        for (int i = 0; i < none.length; i++) {
            zNone += w[noneAt + i] * none[i];
        }
        double top = zNone;
        for (int i = 0; i < z.length; i++) {
            z[i] = utility(w, features.get(i));
            top = Math.max(top, z[i]);
        }
        double sum = Math.exp(zNone - top);
        for (double v : z) {
            sum += Math.exp(v - top);
        }
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - top) / sum;
        }
        return p;
    }
}
