package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.regex.RequiredLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An entry's evidence with, per pattern, a literal that every match of the pattern must contain,
 * derived from the regex once at KB load. Since every pattern of an evidence must be found, one
 * absent literal settles that the evidence is not there without running a regex; when a literal
 * cannot be derived safely the pattern is always run. The result is the same as {@link
 * Evidence#find} on every text, only cheaper.
 */
final class CompiledEvidence {

    private final Evidence evidence;
    /** Per pattern that has one, its requirement. Patterns without one have none here. */
    private final List<RequiredLiterals> required;

    CompiledEvidence(Evidence evidence) {
        this.evidence = evidence;
        List<RequiredLiterals> r = new ArrayList<>();
        for (Pattern p : evidence.patterns()) {
            RequiredLiterals literals = RequiredLiterals.of(p);
            if (literals.requiresAny()) {
                r.add(literals);
            }
        }
        this.required = List.copyOf(r);
    }

    Evidence evidence() {
        return evidence;
    }

    /** The evidence's first match in {@code text}; {@code folded} is {@link RequiredLiterals#fold} of it. */
    Optional<String> find(String text, String folded) {
        for (RequiredLiterals any : required) {
            if (!any.mayMatch(folded)) {
                return Optional.empty();
            }
        }
        return evidence.find(text);
    }
}
