package dev.gatewaydoctor;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.match.Matcher;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The knowledge currently served. A reload builds everything derived from the KB first and then
 * swaps it in one step, so a request sees either the old or the new KB, never a mix.
 */
public final class Knowledge {

    /** Everything derived from one KB. */
    public record Snapshot(Kb kb, Matcher matcher) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Matcher.Tuning tuning;

    public Knowledge(Kb kb, Matcher.Tuning tuning) {
        this.tuning = tuning;
        replace(kb);
    }

    public Snapshot current() {
        return current.get();
    }

    public Kb kb() {
        return current.get().kb();
    }

    public Matcher matcher() {
        return current.get().matcher();
    }

    /** Builds the index for {@code kb}, then serves it. */
    public void replace(Kb kb) {
        current.set(new Snapshot(kb, Matcher.build(kb, tuning)));
    }
}
