package dev.gatewaydoctor.kb;

import java.util.Optional;

/** Where an option leads: a node of the same entry, or another entry (its root or a node). */
public sealed interface Target permits Target.Step, Target.Jump {

    /** The link as written, without the {@code .md}: {@code node}, {@code entry} or {@code entry#node}. */
    String ref();

    record Step(String node) implements Target {
        @Override
        public String ref() {
            return node;
        }
    }

    record Jump(String entry, Optional<String> node) implements Target {
        @Override
        public String ref() {
            return node.map(n -> entry + "#" + n).orElse(entry);
        }
    }
}
