package dev.gatewaydoctor.slack;

import dev.gatewaydoctor.http.ApiError;
import dev.gatewaydoctor.http.Requests;
import dev.gatewaydoctor.match.MatchController;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * {@code POST /slack/commands} and {@code POST /slack/interactions}: HTTP in and out only. Every
 * request is refused (503) while no signing secret is configured, and (401) unless its signature
 * verifies over the raw body, before any field of it is read.
 */
public final class SlackController {

    /** A command's text is at most a paste, form-encoded (up to three bytes per byte), plus Slack's fields. */
    static final long MAX_COMMAND_BODY = 3L * MatchController.MAX_TEXT_BYTES + 8 * 1024;
    /** An interaction payload repeats the message's blocks, each button value up to 2000 characters. */
    static final long MAX_INTERACTION_BODY = 1024L * 1024;

    private final Optional<SlackSignature> signature;
    private final SlackChannel channel;
    private final SlackResponder responder;

    /** @param signature empty when no signing secret is configured: then every Slack request gets a 503 */
    public SlackController(Optional<SlackSignature> signature, SlackChannel channel, SlackResponder responder) {
        this.signature = signature;
        this.channel = channel;
        this.responder = responder;
    }

    public void command(Context ctx) {
        verified(ctx, MAX_COMMAND_BODY);
        send(ctx, channel.command(ctx.formParam("command"), ctx.formParam("text")));
    }

    /** Acknowledges at once with an empty 200; the updated message follows through the response_url. */
    public void interaction(Context ctx) {
        verified(ctx, MAX_INTERACTION_BODY);
        String payload = ctx.formParam("payload");
        if (payload == null || payload.isBlank()) {
            throw ApiError.badRequest("the form field 'payload' is missing");
        }
        Click click = Click.parse(payload);
        if (!responder.allows(click.responseUrl())) {
            throw ApiError.badRequest("the 'response_url' is not a Slack address this server posts to");
        }
        if (!responder.submit(click.responseUrl(), () -> channel.click(click))) {
            throw new ApiError(503, "too many Slack updates are waiting; try again in a moment");
        }
        ctx.status(200);
    }

    private void verified(Context ctx, long maxBody) {
        if (signature.isEmpty()) {
            throw new ApiError(503, "Slack is not configured on this server: set " + SlackSignature.SECRET_ENV);
        }
        byte[] body = Requests.limitBody(ctx, maxBody);
        try {
            signature.get().verifyOnce(ctx.header(SlackSignature.TIMESTAMP_HEADER), ctx.header(SlackSignature.SIGNATURE_HEADER), body);
        } catch (SlackSignature.Rejected e) {
            throw new ApiError(401, e.getMessage());
        } catch (SlackSignature.Replayed e) {
            throw new ApiError(409, e.getMessage());
        }
    }

    private static void send(Context ctx, SlackMessage message) {
        ctx.contentType("application/json; charset=utf-8").result(message.toJson());
    }
}
