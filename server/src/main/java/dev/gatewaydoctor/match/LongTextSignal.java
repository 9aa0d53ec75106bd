package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The other lexical signals again, for long texts only (zero for short ones), and "long", one for
 * a long text: a long report and a short question weigh the same evidence differently (a pasted
 * configuration names many things, a question one), and a single set of weights had to average
 * the two. The values are the base signals' own, copied by {@link ChoiceModel#features} rather than
 * computed twice.
 */
final class LongTextSignal implements Signal {

    /** About three lines of prose. */
    static final int LONG = 300;

    private final List<Signal> base;
    private final int baseLength;

    LongTextSignal(List<Signal> base) {
        this.base = List.copyOf(base);
        this.baseLength = base.stream().mapToInt(s -> s.names().size()).sum();
    }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Signal s : base) {
            for (String n : s.names()) {
                out.add("long-" + n);
            }
        }
        out.add("long");
        return out;
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return new Repeat(query.visible().length() >= LONG, baseLength);
    }

    /**
     * This signal's view of one text: whether it is long, and how many base features to repeat.
     * Standing alone (not through {@link ChoiceModel#features}) it cannot see the base values, so
     * {@link #values} is not for use.
     */
    record Repeat(boolean isLong, int baseLength) implements PerText {
        @Override
        public double[] values(ScoredCandidate candidate) {
            throw new UnsupportedOperationException("the long-text features are copied from the base features");
        }

        /** Fills {@code f[at..at + baseLength]}: the base values {@code f[0..baseLength)} for a long text, then the flag. */
        void fill(double[] f, int at) {
            if (isLong) {
                System.arraycopy(f, 0, f, at, baseLength);
                f[at + baseLength] = 1;
            }
        }
    }
}
