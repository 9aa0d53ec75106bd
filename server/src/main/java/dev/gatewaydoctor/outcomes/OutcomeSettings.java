package dev.gatewaydoctor.outcomes;

import dev.gatewaydoctor.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how long outcomes are kept, from the environment.
 *
 * @param jdbcUrl the database, empty when the record is off ({@code GATEWAY_DOCTOR_DB=off})
 * @param user database user for PostgreSQL, or null
 * @param password database password for PostgreSQL, or null (never printed)
 * @param retention how long rows are kept; older ones are purged daily
 * @param queue events that may wait for the writer; more are dropped and counted
 * @param abandonAfter a conversation without a turn for this long counts as abandoned
 */
public record OutcomeSettings(Optional<String> jdbcUrl, String user, String password, Duration retention, int queue,
                              Duration abandonAfter) {

    public static final String DB_ENV = "GATEWAY_DOCTOR_DB";
    public static final String DATA_ENV = "GATEWAY_DOCTOR_DATA";

    public static OutcomeSettings from(Settings s) {
        String db = s.env(DB_ENV, "");
        Optional<String> url;
        if (db.equalsIgnoreCase("off")) {
            url = Optional.empty();
        } else if (db.isEmpty()) {
            Path data = Path.of(s.env(DATA_ENV, "data"));
            url = Optional.of("jdbc:sqlite:" + data.resolve("outcomes.db"));
        } else if (db.startsWith("jdbc:postgresql:") || db.startsWith("jdbc:sqlite:")) {
            url = Optional.of(db);
        } else {
            throw new IllegalArgumentException(DB_ENV + " must be 'off', a jdbc:postgresql:// URL or a jdbc:sqlite: URL");
        }
        double days = s.envNumber("GATEWAY_DOCTOR_RETENTION_DAYS", 90);
        if (days <= 0) {
            throw new IllegalArgumentException("GATEWAY_DOCTOR_RETENTION_DAYS must be more than 0");
        }
        int queue = (int) s.envNumber("GATEWAY_DOCTOR_OUTCOMES_QUEUE", 10_000);
        if (queue < 1) {
            throw new IllegalArgumentException("GATEWAY_DOCTOR_OUTCOMES_QUEUE must be at least 1");
        }
        double minutes = s.envNumber("GATEWAY_DOCTOR_ABANDON_MINUTES", 30);
        return new OutcomeSettings(url, s.env("GATEWAY_DOCTOR_DB_USER", null), s.env("GATEWAY_DOCTOR_DB_PASSWORD", null),
                Duration.ofMinutes(Math.round(days * 24 * 60)), queue, Duration.ofSeconds(Math.round(minutes * 60)));
    }

    public boolean on() {
        return jdbcUrl.isPresent();
    }

    @Override
    public String toString() {
        return "OutcomeSettings[" + jdbcUrl.map(u -> u.replaceAll("password=[^&]*", "password=***")).orElse("off") + "]";
    }
}
