package dev.gatewaydoctor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.tickets.Action;
import dev.gatewaydoctor.tickets.EmlReader;
import dev.gatewaydoctor.tickets.ImageReader;
import dev.gatewaydoctor.tickets.ReplyWriter;
import dev.gatewaydoctor.tickets.Ticket;
import dev.gatewaydoctor.tickets.TicketJson;
import dev.gatewaydoctor.tickets.Triage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Ticket triage benchmark (a main, not a test): the realistic test tickets (emails and JSON)
 * triaged on one thread against the bundled KB, after a warm-up: tickets per second and p50/p99.
 * Run with {@code bench/run}.
 */
public final class TriageBench {

    private TriageBench() {}

    public static void main(String[] args) throws Exception {
        Matcher matcher = Matcher.build(KbLoader.load(List.of(Path.of("kb"))));
        Triage triage = new Triage(() -> matcher, ImageReader.none(), Action.Thresholds.defaults(), new ReplyWriter("Support"));
        List<Ticket> tickets = tickets(Path.of("server/src/test/resources/tickets"));
        long warmEnd = System.nanoTime() + 5_000_000_000L;
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            triage.triage(tickets.get(i % tickets.size()));
        }
        int rounds = 3;
        long[] latencies = new long[tickets.size() * rounds];
        int n = 0;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (Ticket t : tickets) {
                long s = System.nanoTime();
                triage.triage(t);
                latencies[n++] = System.nanoTime() - s;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "triage, %d tickets on one thread: %.1f tickets/s, p50 %.0f ms, p99 %.0f ms%n",
                n, n / seconds, latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6);
    }

    private static List<Ticket> tickets(Path folder) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Ticket> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".eml")) {
                    try (InputStream in = Files.newInputStream(f)) {
                        out.add(EmlReader.read(in, name));
                    }
                } else if (name.endsWith(".json") && f.getParent().getFileName().toString().equals("tickets")) {
                    var node = json.readTree(f.toFile());
                    out.add(node.has("ticket") ? TicketJson.fromZendesk(node) : TicketJson.fromApi(node));
                }
            }
        }
        return out;
    }
}
