package dev.gatewaydoctor.kb;

import java.util.List;

/**
 * An answer to a question and where it leads.
 *
 * @param id stable within its question: where it leads ({@link Target#ref()}), with {@code ~2},
 *     {@code ~3} added when several answers lead to the same place
 * @param evidence patterns that, found in the user's text, choose this option without asking
 * @param line where the option is written
 */
public record Option(String id, String label, Target target, List<Evidence> evidence, int line) {

    public Option {
        evidence = List.copyOf(evidence);
    }
}
