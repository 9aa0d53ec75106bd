package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Triages a folder of tickets: {@code *.json} (one ticket, or an array of them), {@code *.jsonl}
 * (one ticket per line) and {@code *.eml} (emails), in the API's or Zendesk's JSON shape. Writes
 * one JSON line per ticket and returns the figures for a summary. A file or line that cannot be
 * read becomes a report line with an {@code error}, and the run goes on.
 */
public final class Batch {

    /** The largest file read whole; bigger JSON should be split into JSON Lines. */
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    /**
     * What a run came to.
     *
     * @param perEntry tickets per most likely entry, for those not escalated
     * @param unmatched tickets no entry matched
     * @param unreadable files or lines that were not tickets
     */
    public record Summary(int tickets, int autoReply, int suggest, int escalate, int unmatched, int unreadable,
            Map<String, Integer> perEntry) {}

    private final Triage triage;
    private final ObjectMapper json = TriageJson.mapper();
    private final PrintStream progress;
    private final long progressEveryNanos;

    /**
     * @param progress where progress lines go (stderr)
     * @param progressEveryMillis how often at most a progress line is written
     */
    public Batch(Triage triage, PrintStream progress, long progressEveryMillis) {
        this.triage = triage;
        this.progress = progress;
        this.progressEveryNanos = progressEveryMillis * 1_000_000L;
    }

    /** The ticket files in a folder and its subfolders, in name order. */
    public static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".eml");
                    })
                    .sorted()
                    .toList();
        }
    }

    public Summary run(Path dir, Writer report) throws IOException {
        List<Path> files = files(dir);
        Counter counter = new Counter(files.size());
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".eml")) {
                eml(file, name, report, counter);
            } else if (lower.endsWith(".jsonl")) {
                jsonLines(file, name, report, counter);
            } else {
                jsonFile(file, name, report, counter);
            }
            counter.fileDone();
        }
        counter.finish();
        return counter.summary();
    }

    private void eml(Path file, String name, Writer report, Counter counter) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            unreadable(name, "the file is larger than " + MAX_FILE_BYTES + " bytes", report, counter);
            return;
        }
        Ticket ticket;
        try (InputStream in = Files.newInputStream(file)) {
            ticket = EmlReader.read(in, name);
        } catch (IOException | RuntimeException e) {
            // A mail library may also fail unchecked on a mangled message: that file, not the run.
            unreadable(name, "not a readable email: " + e.getMessage(), report, counter);
            return;
        }
        triaged(name, ticket, report, counter);
    }

    private void jsonLines(Path file, String name, Writer report, Counter counter) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    one(name + ":" + n, line, report, counter);
                }
            }
        }
    }

    private void jsonFile(Path file, String name, Writer report, Counter counter) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES) {
            unreadable(name, "the file is larger than " + MAX_FILE_BYTES + " bytes: use JSON Lines", report, counter);
            return;
        }
        JsonNode node;
        try {
            node = json.readTree(file.toFile());
        } catch (IOException e) {
            unreadable(name, "not valid JSON", report, counter);
            return;
        }
        if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ticket(name + "[" + i + "]", node.get(i), report, counter);
            }
        } else {
            ticket(name, node, report, counter);
        }
    }

    private void one(String source, String text, Writer report, Counter counter) throws IOException {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            unreadable(source, "not valid JSON", report, counter);
            return;
        }
        ticket(source, node, report, counter);
    }

    /** A JSON ticket in either shape: Zendesk's has a "ticket" object or a "description". */
    private void ticket(String source, JsonNode node, Writer report, Counter counter) throws IOException {
        Ticket ticket;
        try {
            boolean zendesk = node != null && (node.has("ticket") || (node.has("description") && !node.has("body")));
            ticket = zendesk ? TicketJson.fromZendesk(node) : TicketJson.fromApi(node);
        } catch (TicketJson.BadTicket e) {
            unreadable(source, e.getMessage(), report, counter);
            return;
        }
        triaged(source, ticket, report, counter);
    }

    private void triaged(String source, Ticket ticket, Writer report, Counter counter) throws IOException {
        Triage.Result result;
        try {
            result = triage.triage(ticket);
        } catch (RuntimeException e) {
            unreadable(source, "triage failed: " + e, report, counter);
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("source", source);
        line.put("subject", MailText.subject(ticket.subject()));
        line.putAll(TriageJson.view(ticket, result));
        write(line, report);
        counter.add(result);
    }

    private void unreadable(String source, String error, Writer report, Counter counter) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("source", source);
        line.put("error", error);
        write(line, report);
        counter.unreadable();
    }

    private void write(Map<String, Object> line, Writer report) throws IOException {
        report.write(json.writeValueAsString(line));
        report.write('\n');
    }

    /** Running figures, and a progress line at most every so often. */
    private final class Counter {
        private final int files;
        private final long start = System.nanoTime();
        private long lastProgress = start;
        private boolean printed;
        private int filesDone;
        private int tickets;
        private int autoReply;
        private int suggest;
        private int escalate;
        private int unmatched;
        private int unreadable;
        private final Map<String, Integer> perEntry = new TreeMap<>();

        Counter(int files) {
            this.files = files;
        }

        void add(Triage.Result r) {
            tickets++;
            switch (r.action()) {
                case AUTO_REPLY -> autoReply++;
                case SUGGEST -> suggest++;
                case ESCALATE -> escalate++;
            }
            if (!r.matched()) {
                unmatched++;
            }
            r.best().ifPresent(id -> perEntry.merge(id, 1, Integer::sum));
            tick();
        }

        void unreadable() {
            unreadable++;
            tick();
        }

        void fileDone() {
            filesDone++;
        }

        private void tick() {
            long now = System.nanoTime();
            if (now - lastProgress >= progressEveryNanos) {
                lastProgress = now;
                printed = true;
                progress.printf(Locale.ROOT, "triaged %d tickets (%d/%d files, %.1f s)%n", tickets + unreadable,
                        filesDone, files, (now - start) / 1e9);
            }
        }

        void finish() {
            if (printed) {
                progress.printf(Locale.ROOT, "done: %d tickets from %d files in %.1f s%n", tickets + unreadable, files,
                        (System.nanoTime() - start) / 1e9);
            }
        }

        Summary summary() {
            return new Summary(tickets, autoReply, suggest, escalate, unmatched, unreadable, perEntry);
        }
    }

    /** The summary as a small table. */
    public static void print(Summary s, PrintStream out) {
        out.printf(Locale.ROOT, "%-28s %6d%n", "tickets", s.tickets());
        out.printf(Locale.ROOT, "%-28s %6d %s%n", "auto_reply (answerable)", s.autoReply(), share(s.autoReply(), s.tickets()));
        out.printf(Locale.ROOT, "%-28s %6d %s%n", "suggest", s.suggest(), share(s.suggest(), s.tickets()));
        out.printf(Locale.ROOT, "%-28s %6d %s%n", "escalate", s.escalate(), share(s.escalate(), s.tickets()));
        out.printf(Locale.ROOT, "%-28s %6d %s%n", "unmatched", s.unmatched(), share(s.unmatched(), s.tickets()));
        if (s.unreadable() > 0) {
            out.printf(Locale.ROOT, "%-28s %6d%n", "unreadable", s.unreadable());
        }
        if (!s.perEntry().isEmpty()) {
            out.println("per entry (most likely problem, replies written):");
            s.perEntry().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .forEach(e -> out.printf(Locale.ROOT, "  %-26s %6d%n", e.getKey(), e.getValue()));
        }
    }

    private static String share(int n, int of) {
        return of == 0 ? "" : String.format(Locale.ROOT, "(%.1f%%)", 100.0 * n / of);
    }
}
