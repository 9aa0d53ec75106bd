package dev.gatewaydoctor;

import dev.gatewaydoctor.http.JsonErrors;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbController;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.Map;

/**
 * The one wiring point: builds every part from {@link Settings} and a loaded {@link Kb}, and owns
 * the table of routes. Start it on port 0 in tests; close it to stop.
 */
public final class App implements AutoCloseable {

    private final Settings settings;
    private final Knowledge knowledge;
    private final Javalin javalin;

    public App(Settings settings, Kb kb) {
        this.settings = settings;
        this.knowledge = new Knowledge(kb);
        KbController kbApi = new KbController(knowledge::kb);
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = 16L * 1024 * 1024;
            JsonErrors.install(config);
            routes(config, kbApi);
        });
    }

    private void routes(JavalinConfig config, KbController kbApi) {
        var r = config.routes;
        r.get("/health", ctx -> ctx.json(Map.of("status", "ok", "entries", knowledge.kb().size())));
        r.get("/api/kb", kbApi::list);
        r.get("/api/kb/{id}", kbApi::get);
    }

    public Javalin javalin() {
        return javalin;
    }

    public Knowledge knowledge() {
        return knowledge;
    }

    public App start() {
        javalin.start(settings.port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
