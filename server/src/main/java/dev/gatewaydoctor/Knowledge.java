package dev.gatewaydoctor;

import dev.gatewaydoctor.kb.Kb;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The knowledge currently served. A reload builds everything derived from the KB first and then
 * swaps it in one step, so a request sees either the old or the new KB, never a mix.
 */
public final class Knowledge {

    /** Everything derived from one KB. */
    public record Snapshot(Kb kb) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    public Knowledge(Kb kb) {
        replace(kb);
    }

    public Snapshot current() {
        return current.get();
    }

    public Kb kb() {
        return current.get().kb();
    }

    public void replace(Kb kb) {
        current.set(new Snapshot(kb));
    }
}
