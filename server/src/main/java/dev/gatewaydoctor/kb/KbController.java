package dev.gatewaydoctor.kb;

import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/kb} and {@code GET /api/kb/{id}}: the loaded entries as JSON. */
public final class KbController {

    private final Supplier<Kb> kb;
    private final Markdown html;

    public KbController(Supplier<Kb> kb) {
        this(kb, Markdown.STRICT);
    }

    /** @param html renders node texts (which remote images survive) */
    public KbController(Supplier<Kb> kb, Markdown html) {
        this.kb = kb;
        this.html = html;
    }

    public void list(Context ctx) {
        Kb current = kb.get();
        ctx.json(Map.of("count", current.size(),
                "entries", current.list().stream().map(KbView.Summary::of).toList()));
    }

    public void get(Context ctx) {
        String id = ctx.pathParam("id");
        Entry entry = kb.get().entry(id).orElse(null);
        if (entry == null) {
            ctx.status(404).json(Map.of("error", "no entry with id '" + id + "'", "id", id));
            return;
        }
        ctx.json(KbView.Detail.of(entry, html));
    }
}
