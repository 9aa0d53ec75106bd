package dev.gatewaydoctor.outcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * The outcome tables over JDBC: SQLite (one file, the default) or PostgreSQL (shared by replicas),
 * through one HikariCP pool, the schema kept by Flyway. Every insert is "on conflict do nothing" on
 * the event's id, so writing an event twice stores it once. Thread-safe.
 */
public final class OutcomeStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Event.Candidate>> CANDIDATES = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final HikariDataSource pool;
    private final String url;

    private OutcomeStore(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Opens the database in {@code settings}, creating the SQLite file's folder when needed, and
     * brings its schema up to date.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated (the message says which)
     */
    public static OutcomeStore open(OutcomeSettings settings) {
        String url = settings.jdbcUrl().orElseThrow(() -> new IllegalArgumentException("the outcome store is off"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("outcomes");
        config.setConnectionTimeout(5_000);
        if (url.startsWith("jdbc:sqlite:")) {
            createFolder(url.substring("jdbc:sqlite:".length()));
            // WAL lets the report read while the writer writes; the busy timeout makes a second
            // process on the same file wait instead of failing.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.setMaximumPoolSize(3);
        } else {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            config.setMaximumPoolSize(4);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the outcome store at " + safe(url) + " cannot be opened: " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/outcomes").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("the outcome store at " + safe(url) + " cannot be migrated: " + e.getMessage(), e);
        }
        return new OutcomeStore(pool, url);
    }

    private static void createFolder(String file) {
        int q = file.indexOf('?');
        Path path = Path.of(q < 0 ? file : file.substring(0, q)).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + path.getParent(), e);
        }
    }

    /** The URL without credentials, for messages. */
    static String safe(String url) {
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***");
    }

    public String where() {
        return safe(url);
    }

    /** Whether the database answers now (for readiness checks); never throws. */
    public boolean reachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Writes a batch in one transaction; events already stored are skipped. */
    public void write(List<Event> events) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement conv = c.prepareStatement("INSERT INTO conversations (id, started_at, channel, subject, text,"
                    + " text_hash, matched, confidence, entry, candidates, evidence, skipped, node_entry, node, node_kind)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
                 PreparedStatement step = c.prepareStatement("INSERT INTO steps (id, conversation, turn, at, kind, from_entry,"
                         + " from_node, choice, answer, to_entry, to_node, to_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                         + " ON CONFLICT (id) DO NOTHING");
                 PreparedStatement end = c.prepareStatement("INSERT INTO outcomes (id, conversation, at, kind, entry, node, reason)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING");
                 PreparedStatement ticket = c.prepareStatement("INSERT INTO tickets (id, at, text, text_hash, matched, confidence,"
                         + " action, entries, candidates) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                for (Event e : events) {
                    if (e instanceof Event.Started s) {
                            set(conv, s.id(), s.at().toEpochMilli(), s.channel(), s.subject(), s.text(),
                                    Redaction.fingerprint(s.text()), s.matched() ? 1 : 0, s.confidence(), s.entry(),
                                    json(s.candidates()), json(s.evidence()), json(s.skipped()), s.nodeEntry(), s.node(), s.nodeKind());
                            conv.addBatch();
                    } else if (e instanceof Event.Stepped s) {
                            set(step, s.id(), s.conversation(), s.turn(), s.at().toEpochMilli(), s.kind(), s.fromEntry(),
                                    s.fromNode(), s.choice(), s.answer(), s.toEntry(), s.toNode(), s.toKind());
                            step.addBatch();
                    } else if (e instanceof Event.Ended s) {
                            set(end, s.id(), s.conversation(), s.at().toEpochMilli(), s.kind(), s.entry(), s.node(), s.reason());
                            end.addBatch();
                    } else if (e instanceof Event.Triaged s) {
                            set(ticket, s.id(), s.at().toEpochMilli(), s.text(), Redaction.fingerprint(s.text()),
                                    s.matched() ? 1 : 0, s.confidence(), s.action(), json(s.entries()), json(s.candidates()));
                            ticket.addBatch();
                    }
                }
                conv.executeBatch();
                step.executeBatch();
                end.executeBatch();
                ticket.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Deletes every row older than {@code cutoff}; returns how many. */
    public int purge(Instant cutoff) throws SQLException {
        long t = cutoff.toEpochMilli();
        int n = 0;
        try (Connection c = pool.getConnection()) {
            for (String sql : List.of("DELETE FROM steps WHERE at < ?", "DELETE FROM outcomes WHERE at < ?",
                    "DELETE FROM conversations WHERE started_at < ?", "DELETE FROM tickets WHERE at < ?")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, t);
                    n += p.executeUpdate();
                }
            }
        }
        return n;
    }

    // ---- reading, for the report ----------------------------------------------------------------

    public record ConversationRow(String id, Instant startedAt, String channel, String subject, String text, String hash,
                                  boolean matched, double confidence, String entry, List<Event.Candidate> candidates,
                                  List<String> evidence, String nodeEntry, String node, String nodeKind) {}

    public record StepRow(String conversation, int turn, Instant at, String kind, String fromEntry, String fromNode,
                          String choice, String toEntry, String toNode, String toKind) {}

    public record OutcomeRow(String conversation, Instant at, String kind, String entry, String node, String reason) {}

    public record TicketRow(String id, Instant at, String text, String hash, boolean matched, double confidence,
                            String action, List<String> entries, List<Event.Candidate> candidates) {}

    /** Everything about the conversations started and the tickets triaged since {@code since}. */
    public record Rows(List<ConversationRow> conversations, List<StepRow> steps, List<OutcomeRow> outcomes,
                       List<TicketRow> tickets) {}

    public Rows since(Instant since) throws SQLException {
        long t = since.toEpochMilli();
        List<ConversationRow> convs = new ArrayList<>();
        List<StepRow> steps = new ArrayList<>();
        List<OutcomeRow> outcomes = new ArrayList<>();
        List<TicketRow> tickets = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement p = c.prepareStatement("SELECT id, started_at, channel, subject, text, text_hash, matched,"
                    + " confidence, entry, candidates, evidence, node_entry, node, node_kind FROM conversations"
                    + " WHERE started_at >= ? ORDER BY started_at, id")) {
                p.setLong(1, t);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        convs.add(new ConversationRow(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6), r.getInt(7) == 1, r.getDouble(8),
                                r.getString(9), read(r.getString(10), CANDIDATES), read(r.getString(11), STRINGS),
                                r.getString(12), r.getString(13), r.getString(14)));
                    }
                }
            }
            // Steps and outcomes of those conversations, whenever they were taken.
            try (PreparedStatement p = c.prepareStatement("SELECT s.conversation, s.turn, s.at, s.kind, s.from_entry,"
                    + " s.from_node, s.choice, s.to_entry, s.to_node, s.to_kind FROM steps s JOIN conversations c"
                    + " ON c.id = s.conversation WHERE c.started_at >= ? ORDER BY s.conversation, s.turn")) {
                p.setLong(1, t);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        steps.add(new StepRow(r.getString(1), r.getInt(2), Instant.ofEpochMilli(r.getLong(3)), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10)));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT o.conversation, o.at, o.kind, o.entry, o.node, o.reason"
                    + " FROM outcomes o JOIN conversations c ON c.id = o.conversation WHERE c.started_at >= ?"
                    + " ORDER BY o.at, o.id")) {
                p.setLong(1, t);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        outcomes.add(new OutcomeRow(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6)));
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT id, at, text, text_hash, matched, confidence, action, entries,"
                    + " candidates FROM tickets WHERE at >= ? ORDER BY at, id")) {
                p.setLong(1, t);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        tickets.add(new TicketRow(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), r.getString(3),
                                r.getString(4), r.getInt(5) == 1, r.getDouble(6), r.getString(7),
                                read(r.getString(8), STRINGS), read(r.getString(9), CANDIDATES)));
                    }
                }
            }
        }
        return new Rows(convs, steps, outcomes, tickets);
    }

    /** Every text column of every row, for tests that check nothing unredacted was stored. */
    public List<String> allTexts() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            for (String sql : List.of("SELECT text, candidates, evidence, skipped, subject FROM conversations",
                    "SELECT answer, choice, from_node, to_node FROM steps", "SELECT reason, node FROM outcomes",
                    "SELECT text, entries, candidates FROM tickets")) {
                try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
                    int n = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= n; i++) {
                            if (r.getString(i) != null) {
                                out.add(r.getString(i));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void set(PreparedStatement p, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                p.setNull(i + 1, Types.VARCHAR);
            } else if (v instanceof String s) {
                p.setString(i + 1, s);
            } else if (v instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                p.setInt(i + 1, n);
            } else if (v instanceof Double d) {
                p.setDouble(i + 1, d);
            } else {
                throw new IllegalArgumentException("no column type for " + v.getClass());
            }
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of values cannot be written as JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json == null ? "[]" : json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
