package dev.gatewaydoctor.match;

import dev.gatewaydoctor.match.semantic.SemanticIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How close the text's sentence vector is to each candidate's: "semantic-variant", its closest
 * wording; "semantic-summary", its title and summary; "semantic-prose", its closest decision-tree
 * node; "semantic-margin", how far its closest wording is ahead of (or behind) the best other
 * candidate's. Cosines below zero say nothing more than zero, so they are cut there.
 *
 * <p>Unlike the lexical signals it reads the KB's {@link SemanticIndex}, so it exists only when the
 * semantic part is on; the weights fitted with it are kept apart ({@link Tuning#SEMANTIC_FILE}).
 * A paraphrase that shares no word with an entry reaches it through this signal only.
 */
final class SemanticSignal implements Signal {

    static final List<String> NAMES = List.of("semantic-variant", "semantic-summary", "semantic-prose", "semantic-margin");

    private final SemanticIndex semantic;

    SemanticSignal(SemanticIndex semantic) {
        this.semantic = semantic;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public PerText forText(Query query, Candidates.Found found, TermHits hits, EntryIndex index) {
        SemanticIndex.Similarities sims = semantic.similarities(query.visible());
        Map<String, SemanticIndex.Similarity> of = new HashMap<>();
        String first = "";
        double best = -1;
        double second = -1;
        for (String id : found.ids()) {
            SemanticIndex.Similarity s = sims.of(id);
            of.put(id, s);
            if (s.variant() > best) {
                second = best;
                best = s.variant();
                first = id;
            } else if (s.variant() > second) {
                second = s.variant();
            }
        }
        String top = first;
        double bestOther = best;
        double secondOther = second;
        return c -> {
            SemanticIndex.Similarity s = of.get(c.id());
            double other = c.id().equals(top) ? secondOther : bestOther;
            double margin = other < -0.5 ? 0 : s.variant() - other;
            return new double[] {Math.max(0, s.variant()), Math.max(0, s.summary()), Math.max(0, s.prose()), margin};
        };
    }
}
