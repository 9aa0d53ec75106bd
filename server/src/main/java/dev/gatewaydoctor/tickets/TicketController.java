package dev.gatewaydoctor.tickets;

import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import io.javalin.http.Context;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/tickets} (the API's ticket JSON) and {@code POST /api/tickets/zendesk} (a Zendesk
 * trigger's webhook body): checks the bearer key and the body size, then answers with the triage.
 */
public final class TicketController {

    /**
     * Body limits.
     *
     * @param plain the most a ticket without attachments may send
     * @param withAttachments the most a ticket with attachments may send
     */
    public record Limits(long plain, long withAttachments) {
        public Limits {
            if (plain <= 0 || withAttachments < plain) {
                throw new IllegalArgumentException("ticket body limits must be positive, the one with attachments the larger");
            }
        }

        public static Limits defaults() {
            return new Limits(1024L * 1024, 8L * 1024 * 1024);
        }
    }

    /** How long a request waits for a free triage slot before it is told to come back. */
    private static final long WAIT_SECONDS = 10;

    private final Triage triage;
    private final ApiKeys keys;
    private final Limits limits;
    /** Triage is CPU work: at most two per core at once, so a burst queues instead of starving the rest. */
    private final Semaphore running = new Semaphore(2 * Runtime.getRuntime().availableProcessors());

    private final TriageObserver observer;

    public TicketController(Triage triage, ApiKeys keys, Limits limits) {
        this(triage, keys, limits, TriageObserver.NONE);
    }

    public TicketController(Triage triage, ApiKeys keys, Limits limits, TriageObserver observer) {
        this.triage = triage;
        this.keys = keys;
        this.limits = limits;
        this.observer = observer;
    }

    public void post(Context ctx) {
        authorize(ctx);
        byte[] body = Requests.limitBody(ctx, limits.withAttachments());
        Ticket ticket;
        try {
            ticket = TicketJson.fromApi(Requests.jsonObject(ctx));
        } catch (TicketJson.BadTicket e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (ticket.attachments().isEmpty() && body.length > limits.plain()) {
            throw ApiError.tooLarge("a ticket without attachments", limits.plain());
        }
        respond(ctx, ticket);
    }

    public void zendesk(Context ctx) {
        authorize(ctx);
        Requests.limitBody(ctx, limits.plain());
        Ticket ticket;
        try {
            ticket = TicketJson.fromZendesk(Requests.jsonObject(ctx));
        } catch (TicketJson.BadTicket e) {
            throw ApiError.badRequest(e.getMessage());
        }
        respond(ctx, ticket);
    }

    private void respond(Context ctx, Ticket ticket) {
        boolean acquired;
        try {
            acquired = running.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            ctx.header("Retry-After", "5");
            throw new ApiError(503, "too many tickets at once: try again in a few seconds");
        }
        try {
            Triage.Result result = triage.triage(ticket);
            observer.triaged(ticket, result);
            ctx.json(TriageJson.view(ticket, result));
        } finally {
            running.release();
        }
    }

    private void authorize(Context ctx) {
        if (!keys.configured()) {
            throw new ApiError(503, "the ticket API is off: no API keys are configured (set " + ApiKeys.ENV + ")");
        }
        if (!keys.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gateway-doctor\"");
            throw new ApiError(401, "a valid API key is required: send the header 'Authorization: Bearer <key>'");
        }
    }
}
