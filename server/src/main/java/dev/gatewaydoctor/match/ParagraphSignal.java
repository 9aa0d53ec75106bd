package dev.gatewaydoctor.match;

import java.util.List;

/**
 * A long report read in parts (see {@link TextShape}): "paragraph-focus", the best paragraph's
 * coverage by what the entry is about, so one sentence saying what is wrong counts even when a
 * pasted configuration around it talks of everything; "quiet-focus" and "quiet-coverage", the
 * entry's focus and prose coverage of the text without its configuration and stack-frame lines
 * (a directive someone set up is not what failed).
 */
final class ParagraphSignal implements Signal {

    /** A paragraph needs about two uncommon words to say something on its own. */
    private static final double MIN_MASS = 3.0;

    @Override
    public List<String> names() {
        return List.of("paragraph-focus", "quiet-focus", "quiet-coverage");
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        return c -> {
            double best = 0;
            boolean any = false;
            for (Query.Part p : query.paragraphs()) {
                if (p.mass() >= MIN_MASS) {
                    any = true;
                    best = Math.max(best, CoverageSignal.coverage(p, hits, c.slot(), false)[0]);
                }
            }
            double[] focus = CoverageSignal.coverage(query.withoutSetup(), hits, c.slot(), false);
            double[] prose = CoverageSignal.coverage(query.withoutSetup(), hits, c.slot(), true);
            // A short text is one paragraph: its own focus coverage stands in, so the feature means the same everywhere.
            double paragraph = any ? best : focus[0];
            return new double[] {paragraph, focus[0], prose[0]};
        };
    }
}
