package dev.gatewaydoctor.kb;

import java.util.List;

/**
 * An answer to a question and where it leads.
 *
 * @param evidence patterns that, found in the user's text, choose this option without asking
 * @param line where the option is written
 */
public record Option(String label, Target target, List<Evidence> evidence, int line) {

    public Option {
        evidence = List.copyOf(evidence);
    }

    /** Stable id of the option within its question: where it leads. */
    public String id() {
        return target.ref();
    }
}
