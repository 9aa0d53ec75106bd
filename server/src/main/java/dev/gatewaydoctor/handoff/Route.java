package dev.gatewaydoctor.handoff;

/** One way of reaching a person. Implementations are thread-safe and hold no per-handoff state. */
public interface Route {

    /** Short and stable ({@code webhook}, {@code smtp}, {@code zendesk}): shown in the delivery status. */
    String name();

    /**
     * Delivers once; the queue retries on failure.
     *
     * @throws Exception with a message fit for the delivery status when this attempt failed
     */
    void deliver(Handoff handoff) throws Exception;
}
