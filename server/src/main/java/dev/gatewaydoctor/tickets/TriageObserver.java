package dev.gatewaydoctor.tickets;

/**
 * Sees every ticket the API triaged (the outcome record listens here). Must never fail or slow the
 * request; {@link #NONE} sees nothing.
 */
@FunctionalInterface
public interface TriageObserver {

    TriageObserver NONE = (ticket, result) -> { };

    void triaged(Ticket ticket, Triage.Result result);
}
