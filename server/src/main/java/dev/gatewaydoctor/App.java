package dev.gatewaydoctor;

import dev.gatewaydoctor.chat.ChatController;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.StateCodec;
import dev.gatewaydoctor.handoff.Deliveries;
import dev.gatewaydoctor.handoff.Handoff;
import dev.gatewaydoctor.handoff.HandoffController;
import dev.gatewaydoctor.handoff.HandoffRoutes;
import dev.gatewaydoctor.handoff.Transcript;
import dev.gatewaydoctor.http.BodyLimits;
import dev.gatewaydoctor.http.Cors;
import dev.gatewaydoctor.http.JsonErrors;
import dev.gatewaydoctor.http.ScriptBundle;
import dev.gatewaydoctor.http.ServerGuard;
import dev.gatewaydoctor.http.ServerLimits;
import dev.gatewaydoctor.http.WebFolder;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbController;
import dev.gatewaydoctor.kb.Markdown;
import dev.gatewaydoctor.match.MatchController;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import dev.gatewaydoctor.match.semantic.Semantic;
import dev.gatewaydoctor.ocr.OcrController;
import dev.gatewaydoctor.ocr.OcrException;
import dev.gatewaydoctor.ocr.OcrSettings;
import dev.gatewaydoctor.ocr.ScreenshotReader;
import dev.gatewaydoctor.ocr.SpoolFolder;
import dev.gatewaydoctor.ops.Drain;
import dev.gatewaydoctor.ops.LogSetup;
import dev.gatewaydoctor.ops.Metrics;
import dev.gatewaydoctor.ops.Operations;
import dev.gatewaydoctor.ops.RateLimits;
import dev.gatewaydoctor.ops.Readiness;
import dev.gatewaydoctor.ops.ClientAddress;
import dev.gatewaydoctor.outcomes.AdminController;
import dev.gatewaydoctor.outcomes.Outcomes;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.chat.State;
import dev.gatewaydoctor.chat.TurnObserver;
import dev.gatewaydoctor.tickets.TriageObserver;
import dev.gatewaydoctor.slack.SlackChannel;
import dev.gatewaydoctor.slack.SlackController;
import dev.gatewaydoctor.slack.SlackResponder;
import dev.gatewaydoctor.slack.SlackSignature;
import dev.gatewaydoctor.tickets.Action;
import dev.gatewaydoctor.tickets.ApiKeys;
import dev.gatewaydoctor.tickets.ImageReader;
import dev.gatewaydoctor.tickets.ReplyWriter;
import dev.gatewaydoctor.tickets.TicketController;
import dev.gatewaydoctor.tickets.Triage;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one wiring point: builds every part from {@link Settings} and a loaded {@link Kb}, and owns
 * the table of routes. Start it on port 0 in tests; close it to stop.
 */
public final class App implements AutoCloseable {

    private final Settings settings;
    private final Knowledge knowledge;
    private final Javalin javalin;
    private final Conversation conversation;
    private final ScriptBundle widget;
    private final StateCodec stateCodec;
    private final SlackResponder slackResponder;
    private final ScreenshotReader screenshots;
    private final SpoolFolder uploads;
    private final Deliveries handoffs;
    private final Operations ops;
    private final Outcomes outcomes;

    public App(Settings settings, Kb kb) {
        this(settings, kb, Clock.systemUTC());
    }

    /** @param clock "now" for checks that depend on it (Slack request timestamps); fixed in tests */
    public App(Settings settings, Kb kb, Clock clock) {
        this(settings, kb, clock, null);
    }

    /** With the reader of ticket image attachments given (tests, or a deployment's own OCR); null: this server's OCR. */
    public App(Settings settings, Kb kb, ImageReader ticketImages) {
        this(settings, kb, Clock.systemUTC(), ticketImages);
    }

    /**
     * The matcher's tuning for the served folders: the weights file of the last KB folder that has
     * one (else the bundled weights), with the semantic model of {@value Tuning#SEMANTIC_FILE} when the
     * semantic part is on, the threshold overridable by GATEWAY_DOCTOR_MATCH_THRESHOLD.
     */
    public static Tuning tuning(Settings settings) {
        Tuning t = Tuning.forFolders(settings.kbFolders(), settings.semantic().isPresent());
        return t.withThreshold(settings.envNumber("GATEWAY_DOCTOR_MATCH_THRESHOLD", t.threshold()));
    }

    private App(Settings settings, Kb kb, Clock clock, ImageReader ticketImages) {
        this.settings = settings;
        LogSetup.json(settings.env(LogSetup.FORMAT_ENV, null), false); // a wrong value stops the start, named
        this.ops = new Operations(operations(settings));
        Metrics metrics = ops.metrics();
        this.knowledge = new Knowledge(kb, tuning(settings), settings.semantic().map(Semantic::start), Optional.of(settings.dataFolder()));
        Markdown html = Markdown.allowingImagesFrom(settings.env(Markdown.IMAGE_HOSTS_ENV, ""));
        KbController kbApi = new KbController(knowledge::kb, html);
        metrics.knowledgeBase(knowledge, k -> k.kb().size(), Knowledge::refusedReloads);
        ops.readiness().add("kb", this::kbReadiness);
        MatchController matchApi = new MatchController(knowledge::matcher,
                m -> metrics.match(m.best().map(Match.Candidate::id).orElse(null), m.matched(), m.confidence()));
        this.conversation = new Conversation(knowledge::matcher);
        this.outcomes = Outcomes.from(settings, knowledge::kb, clock);
        // One codec for every channel: a state signed for one verifies in all of them.
        this.stateCodec = stateCodec(settings);
        OcrSettings ocrSettings = OcrSettings.from(settings);
        this.screenshots = ScreenshotReader.from(ocrSettings);
        OcrController ocrApi = new OcrController(screenshots, knowledge::matcher);
        metrics.ocrQueue(screenshots.queue()::admitted);
        ops.onRefusal("/api/ocr", metrics::ocrRefused);
        metrics.outcomeQueue(outcomes, o -> o.recorder().stats().queued(), o -> o.recorder().stats().dropped());
        if (outcomes.on()) {
            ops.readiness().add("outcomes", () -> outcomes.reachable() ? Readiness.Status.ok(Map.of())
                    : Readiness.Status.failing("the outcome store cannot be reached"));
        }
        TurnObserver turns = countedTurns(outcomes.events(), metrics);
        ChatController chatApi = new ChatController(conversation, stateCodec, ocrApi::chatText, turns, html, knowledge::kb);
        this.slackResponder = new SlackResponder(settings.env(SlackResponder.PREFIX_ENV, SlackResponder.DEFAULT_PREFIX));
        SlackController slackApi = new SlackController(
                Optional.ofNullable(settings.env(SlackSignature.SECRET_ENV, null)).map(secret -> new SlackSignature(secret, clock)),
                new SlackChannel(conversation, stateCodec, knowledge::kb, turns), slackResponder);
        ImageReader images = ticketImages != null ? ticketImages : imageReader(screenshots);
        TicketController ticketApi = new TicketController(triage(settings, knowledge::matcher, images),
                ApiKeys.parse(settings.env(ApiKeys.ENV, "")), ticketLimits(settings), countedTriage(outcomes.events(), metrics));
        AdminController adminApi = new AdminController(outcomes, ApiKeys.parse(AdminController.ENV, settings.env(AdminController.ENV, "")));
        this.handoffs = new Deliveries(HandoffRoutes.from(settings, clock), HandoffRoutes.policy(settings));
        // The outcome store's redaction, so a handoff leaves the server as redacted as a stored text.
        HandoffController handoffApi = new HandoffController(handoffs, this::transcript, outcomes.redaction()::redact, clock);
        Cors cors = Cors.parse(settings.env(Cors.ENV, ""));
        WebFolder web = new WebFolder(Path.of(settings.env(WebFolder.ENV, "web")));
        this.widget = web.bundle("widget.js", "widget.css");
        ServerLimits limits = ServerLimits.from(settings);
        this.uploads = SpoolFolder.claim(ocrSettings.workDir());
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 16L * 1024 * 1024;
            ServerGuard.install(config, limits, bodyLimits(ocrSettings, ticketLimits(settings)), List.copyOf(html.imageHosts()));
            OcrController.limits(config, ocrSettings, uploads);
            JsonErrors.install(config);
            ops.install(config);
            cors.install(config);
            web.install(config);
            routes(config, kbApi, matchApi, chatApi, slackApi, ocrApi, ticketApi, adminApi, web);
            config.routes.post("/api/handoff", handoffApi::post);
            config.routes.get("/api/handoff/{id}", handoffApi::get);
        });
    }

    private void routes(JavalinConfig config, KbController kbApi, MatchController matchApi, ChatController chatApi,
                        SlackController slackApi, OcrController ocrApi, TicketController ticketApi,
                        AdminController adminApi, WebFolder web) {
        var r = config.routes;
        r.get("/health", this::health);
        r.get("/ready", ops.readiness()::serve);
        r.get("/metrics", ops::metricsRoute);
        r.get("/openapi.json", ops::openApiRoute);
        r.get("/api/kb", kbApi::list);
        r.get("/api/kb/{id}", kbApi::get);
        r.get("/api/match", matchApi::get);
        r.post("/api/match", matchApi::post);
        r.post("/api/chat", chatApi::post);
        r.post("/api/ocr", ocrApi::post);
        r.post("/slack/commands", slackApi::command);
        r.post("/slack/interactions", slackApi::interaction);
        // The widget with its styles inlined; a route wins over the static file of the same name.
        r.get("/widget.js", widget::serve);
        r.post("/api/tickets", ticketApi::post);
        r.post("/api/tickets/zendesk", ticketApi::zendesk);
        r.get("/api/admin/report", adminApi::report);
        r.get("/api/admin/gaps", adminApi::gaps);
        // The admin page is a static file; its data comes from the routes above, behind the key.
        r.get("/admin", ctx -> ctx.redirect("/admin.html"));
    }

    /** {@code "status": "ok"} while serving; {@code kb} says whether the KB served is the one on disk. */
    private void health(io.javalin.http.Context ctx) {
        Knowledge.Status kb = knowledge.status();
        ctx.json(Map.of("status", "ok", "entries", knowledge.kb().size(), "ocr", screenshots.available(),
                "outcomes", outcomes.recorder().stats(), "handoff", handoffs.enabled(),
                "kb", Map.of("status", kb.name(), "problems", kb.problems(), "since", kb.since().toString())));
    }

    /** Ready once a KB with entries is served and, when reloads are on, the watcher keeps checking the files. */
    private Readiness.Status kbReadiness() {
        int entries = knowledge.kb().size();
        Map<String, Object> details = Map.of("entries", entries, "refused_reloads", knowledge.refusedReloads(),
                "files_match_served", knowledge.diskMatchesServed());
        if (entries == 0) {
            return Readiness.Status.failing("the knowledge base has no entries");
        }
        if (!knowledge.watcherAlive()) {
            return Readiness.Status.failing("the knowledge-base reload has stopped checking the files");
        }
        return Readiness.Status.ok(details);
    }

    /** Counts every conversation turn, on every channel, by what it led to; then the outcome record sees it. */
    private static TurnObserver countedTurns(TurnObserver inner, Metrics metrics) {
        return new TurnObserver() {
            @Override
            public Reply started(String channel, Reply reply) {
                metrics.chatTurn(outcome(reply));
                return inner.started(channel, reply);
            }

            @Override
            public Reply continued(State before, String choice, String message, Reply reply) {
                metrics.chatTurn(outcome(reply));
                return inner.continued(before, choice, message, reply);
            }
        };
    }

    private static String outcome(Reply reply) {
        return reply.handoff().isPresent() ? "handoff" : !reply.matched() ? "unmatched" : reply.node().kind();
    }

    private static TriageObserver countedTriage(TriageObserver inner, Metrics metrics) {
        return (ticket, result) -> {
            metrics.ticketAction(result.action().key());
            inner.triaged(ticket, result);
        };
    }

    private static Operations.Config operations(Settings settings) {
        return new Operations.Config(settings.env(ClientAddress.ENV, ""),
                (int) settings.envNumber(RateLimits.API_ENV, RateLimits.DEFAULT_API),
                (int) settings.envNumber(RateLimits.OCR_ENV, RateLimits.DEFAULT_OCR),
                (int) settings.envNumber(Drain.SHUTDOWN_ENV, Drain.DEFAULT_SHUTDOWN_SECONDS),
                (int) settings.envNumber(Drain.DELAY_ENV, 0));
    }

    /**
     * The key conversation states are signed with: GATEWAY_DOCTOR_STATE_KEY, so that every replica
     * accepts every other's states; when unset, a random key (states then live as long as the process).
     */
    private static StateCodec stateCodec(Settings settings) {
        String secret = settings.env("GATEWAY_DOCTOR_STATE_KEY", "");
        if (secret.isEmpty()) {
            return StateCodec.random();
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException("GATEWAY_DOCTOR_STATE_KEY must be at least 16 characters");
        }
        return new StateCodec(StateCodec.keyFrom(secret));
    }

    /** A conversation's own account of itself, from its signed state, for a handoff. */
    private Transcript transcript(String token) {
        State state;
        try {
            state = stateCodec.decode(token);
        } catch (StateCodec.BadState e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String id = state.origin() != null ? state.origin() : state.entry();
        Handoff.Matched entry = id == null ? null
                : new Handoff.Matched(id, knowledge.kb().entry(id).map(e -> e.title()).orElse(id));
        return new Transcript(entry, state.trail().stream()
                .map(s -> new Handoff.Step(s.entry(), s.node(), s.choice(), "e".equals(s.how()) ? "evidence" : "visitor"))
                .toList(), state.text(), conversation.summary(state));
    }

    /** Ticket triage configured from the environment; shared by the server and the batch command. */
    public static Triage triage(Settings settings, Supplier<Matcher> matcher, ImageReader images) {
        Action.Thresholds defaults = Action.Thresholds.defaults();
        Action.Thresholds thresholds = new Action.Thresholds(
                settings.envNumber("GATEWAY_DOCTOR_AUTO_REPLY_THRESHOLD", defaults.autoReply()),
                settings.envNumber("GATEWAY_DOCTOR_SUGGEST_THRESHOLD", defaults.suggest()));
        return new Triage(matcher, images, thresholds,
                new ReplyWriter(settings.env("GATEWAY_DOCTOR_REPLY_SIGN_OFF", "The support team")));
    }

    /** Reads the text of image attachments with this machine's OCR (the batch command's reader). */
    public static ImageReader imageReader(Settings settings) {
        return imageReader(ScreenshotReader.from(OcrSettings.from(settings)));
    }

    /**
     * Ticket attachments through the same OCR as /api/ocr, queue and limits included. An image it
     * cannot read (no Tesseract, not an image, no text, too busy) leaves the ticket to its text.
     */
    private static ImageReader imageReader(ScreenshotReader ocr) {
        return (image, contentType) -> {
            if (!ocr.available()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ocr.read(image));
            } catch (OcrException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }

    /**
     * The most each route reads of a body, collected before it runs; a larger declared body is
     * refused 413 unread. Each bound is at least what its route accepts (the routes check their own,
     * finer limits on what they are handed).
     */
    private static BodyLimits bodyLimits(OcrSettings ocr, TicketController.Limits tickets) {
        // A chat turn is the largest JSON body: a text as escaped as JSON allows, plus a state token.
        long text = MatchController.MAX_ESCAPED_TEXT_BYTES + StateCodec.MAX_TOKEN + 1024;
        long image = ocr.maxBytes() + 64 * 1024; // the image and the form around it, as the OCR route allows
        return BodyLimits.of(1024 * 1024)
                .route("/api/match", text).route("/api/chat", text).route("/api/handoff", text)
                .uploads("/api/ocr", image).uploads("/api/chat", image)
                .route("/api/tickets", tickets.withAttachments()).route("/api/tickets/zendesk", tickets.plain())
                .route("/slack/*", 1024 * 1024);
    }

    private static TicketController.Limits ticketLimits(Settings settings) {
        TicketController.Limits defaults = TicketController.Limits.defaults();
        return new TicketController.Limits(
                (long) settings.envNumber("GATEWAY_DOCTOR_TICKET_MAX_BYTES", defaults.plain()),
                (long) settings.envNumber("GATEWAY_DOCTOR_TICKET_MAX_BYTES_WITH_ATTACHMENTS", defaults.withAttachments()));
    }

    public Conversation conversation() {
        return conversation;
    }

    /** The codec that signs conversation states, shared by every channel. */
    public StateCodec stateCodec() {
        return stateCodec;
    }

    public ScreenshotReader screenshots() {
        return screenshots;
    }

    public Javalin javalin() {
        return javalin;
    }

    /** The outcome record: its recorder (stats for metrics, {@code reachable()} for readiness) and redaction. */
    public Outcomes outcomes() {
        return outcomes;
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    /**
     * Warms the matcher up, then listens: once the port accepts connections the instance answers at
     * full speed (a load balancer may send it a burst at once).
     */
    public App start() {
        return start(false);
    }

    /**
     * As {@link #start()}; with {@code settle}, a full collection runs between the warm-up and
     * listening, for the server process. Loading the KB, the matcher and the warm-up fill the heap
     * with garbage and load most classes; from the JVM's default metaspace threshold (about 21 MB,
     * the classes need about 46) the JVM otherwise stopped everything twice for a full collection
     * to raise it, 55-70 ms each, the second in the first second of serving (measured in the soak).
     * Collected here, the threshold is set from what is loaded, and no request waits for it. Tests
     * start hundreds of servers and skip it.
     */
    public App start(boolean settle) {
        knowledge.warmUp();
        if (settle) {
            System.gc();
        }
        knowledge.watch(settings.kbFolders(), (int) settings.envNumber("GATEWAY_DOCTOR_KB_RELOAD_SECONDS", 0));
        try {
            javalin.start(settings.host(), settings.port());
            ops.bind(javalin.jettyServer().server());
        } catch (RuntimeException e) {
            close();
            throw new StartupException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        return this;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The server could not start (a port in use, an address not on this machine): one line for the operator. */
    public static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What SIGTERM does to this server: see {@link Drain}. */
    public Drain drain() {
        return ops.drain(this::close);
    }

    public Operations operations() {
        return ops;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        knowledge.close();
        javalin.stop();
        slackResponder.close();
        uploads.close();
        outcomes.close();
        handoffs.close();
    }
}
