package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.Settings;
import dev.gatewaydoctor.kb.Kb;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The outcome record as the server holds it: the recorder the channels feed (through
 * {@link #events()}), and the report and gaps read back from the store. Close it to write what is
 * still queued.
 */
public final class Outcomes implements AutoCloseable {

    private final OutcomeSettings settings;
    private final Recorder recorder;
    private final ConversationEvents events;
    private final Supplier<Kb> kb;

    private Outcomes(OutcomeSettings settings, Recorder recorder, Supplier<Kb> kb) {
        this.settings = settings;
        this.recorder = recorder;
        this.events = new ConversationEvents(recorder);
        this.kb = kb;
    }

    /** Opens the store named by the environment (or none when it is off). */
    public static Outcomes from(Settings settings, Supplier<Kb> kb, Clock clock) {
        OutcomeSettings s = OutcomeSettings.from(settings);
        if (!s.on()) {
            return new Outcomes(s, Recorder.off(), kb);
        }
        return new Outcomes(s, Recorder.writingTo(OutcomeStore.open(s), Redaction.load(settings.kbFolders()), s, clock), kb);
    }

    public Recorder recorder() {
        return recorder;
    }

    /** What the channels call with every turn and ticket. */
    public ConversationEvents events() {
        return events;
    }

    /** The redaction function the record uses (for other parts that must keep texts, e.g. handoff summaries). */
    public Redaction redaction() {
        return recorder.redaction();
    }

    public boolean on() {
        return recorder.on();
    }

    /** For readiness: the database answers (true when the record is off). */
    public boolean reachable() {
        return recorder.reachable();
    }

    public Report report(Duration since) throws SQLException {
        Instant now = recorder.clock().instant();
        Instant from = now.minus(since);
        return Report.build(rows(from), from, now, settings.abandonAfter(), kb.get(), recorder.stats());
    }

    public List<Gaps.Gap> gaps(Duration since) throws SQLException {
        return Gaps.find(rows(recorder.clock().instant().minus(since)), kb.get());
    }

    public List<String> export(Duration since, String entry, Set<String> gapIds) throws SQLException {
        return GapExport.lines(gaps(since), entry, gapIds);
    }

    private OutcomeStore.Rows rows(Instant from) throws SQLException {
        return recorder.store().orElseThrow(() -> new IllegalStateException("the outcome record is off")).since(from);
    }

    public OutcomeSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        recorder.close();
    }

    /** "30d", "12h", "90m": a period back from now. */
    public static Duration period(String text) {
        if (text == null || !text.matches("\\d{1,5}[dhm]")) {
            throw new IllegalArgumentException("a period is a number and d, h or m (e.g. 30d), got '" + text + "'");
        }
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
