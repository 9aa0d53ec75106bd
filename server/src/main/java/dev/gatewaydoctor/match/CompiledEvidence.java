package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.regex.RequiredLiterals;
import java.util.Optional;

/**
 * An entry's evidence as the numbers of its patterns in the KB's {@link Patterns}, each with a
 * literal that every match of the pattern must contain, derived from the regex once at KB load.
 * Since every pattern of an evidence must be found, one absent literal settles that the evidence
 * is not there without running a regex; when a literal cannot be derived safely the pattern is
 * always run. The result is the same as {@link Evidence#find} on every text, only cheaper.
 */
final class CompiledEvidence {

    private final Evidence evidence;
    /** The evidence's patterns, in order, as numbers in {@link #patterns}. */
    private final int[] ids;
    private final Patterns patterns;

    /** With a table of its own (for checking one evidence alone). */
    CompiledEvidence(Evidence evidence) {
        this(evidence, new Patterns());
    }

    CompiledEvidence(Evidence evidence, Patterns patterns) {
        this.evidence = evidence;
        this.patterns = patterns;
        this.ids = evidence.patterns().stream().mapToInt(patterns::id).toArray();
    }

    Evidence evidence() {
        return evidence;
    }

    /** The evidence's first match in {@code text}; {@code folded} is {@link RequiredLiterals#fold} of it. */
    Optional<String> find(String text, String folded) {
        return find(patterns.in(text, folded));
    }

    /** The same, from a text's pattern answers (which must come from this evidence's {@link Patterns}). */
    Optional<String> find(Patterns.Seen seen) {
        // Every literal first: they are cheap, and one absent settles it before any regex runs.
        for (int id : ids) {
            if (!seen.mayMatch(id)) {
                return Optional.empty();
            }
        }
        return Evidence.whenAll(ids.length, i -> seen.firstMatch(ids[i]));
    }

    /** Whether this evidence is found in the text. */
    boolean foundIn(Patterns.Seen seen) {
        return find(seen).isPresent();
    }
}
