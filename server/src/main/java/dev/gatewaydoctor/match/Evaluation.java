package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the matcher over a labelled dev set (JSON Lines files of {@code {id, kind, expect, text}},
 * {@code expect} null for inputs that must not match) and reports accuracy per kind, the
 * rejection rate of negatives and every miss. Clean page texts also yield a seeded OCR-noised copy
 * (kind {@code ocr-noise}), so the noisy subset is the same on every run.
 */
public final class Evaluation {

    /** One labelled input. */
    public record Sample(String id, String kind, String expect, String text) {
        boolean negative() {
            return expect == null;
        }
    }

    /** The outcome of one sample. */
    public record Outcome(Sample sample, Match match) {
        boolean top1() {
            return sample.negative() ? !match.matched()
                    : match.matched() && match.results().get(0).id().equals(sample.expect());
        }

        boolean top3() {
            return sample.negative() ? !match.matched()
                    : match.results().stream().limit(3).anyMatch(r -> r.id().equals(sample.expect()));
        }
    }

    /** Figures per kind and over all positives. */
    public record Report(List<Outcome> outcomes) {
        public double top1(String kind) {
            return share(kind, Outcome::top1);
        }

        public double top3(String kind) {
            return share(kind, Outcome::top3);
        }

        public double positivesTop1() {
            List<Outcome> p = outcomes.stream().filter(o -> !o.sample().negative() && !o.sample().kind().equals(NOISE)).toList();
            return p.isEmpty() ? 0 : (double) p.stream().filter(Outcome::top1).count() / p.size();
        }

        public double negativesRejected() {
            List<Outcome> n = outcomes.stream().filter(o -> o.sample().negative()).toList();
            return n.isEmpty() ? 0 : (double) n.stream().filter(Outcome::top1).count() / n.size();
        }

        private double share(String kind, java.util.function.Predicate<Outcome> ok) {
            List<Outcome> k = outcomes.stream().filter(o -> o.sample().kind().equals(kind)).toList();
            return k.isEmpty() ? 0 : (double) k.stream().filter(ok).count() / k.size();
        }

        public List<Outcome> misses() {
            return outcomes.stream().filter(o -> !o.top1()).toList();
        }
    }

    public static final String NOISE = "ocr-noise";
    private static final long SEED = 20261124L;
    private static final double NOISE_RATE = 0.06;

    private Evaluation() {}

    public static List<Sample> load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = json.readTree(l);
                } catch (IOException e) {
                    throw new IOException(file + ":" + line + ": not JSON: " + e.getMessage(), e);
                }
                JsonNode expect = n.get("expect");
                out.add(new Sample(n.path("id").asText(file.getFileName() + ":" + line), n.path("kind").asText("unknown"),
                        expect == null || expect.isNull() ? null : expect.asText(), n.path("text").asText()));
            }
        }
        return out;
    }

    /** The samples plus a seeded OCR-noised copy of every clean page text. */
    public static List<Sample> withNoise(List<Sample> samples) {
        OcrNoise noise = new OcrNoise(NOISE_RATE);
        List<Sample> out = new ArrayList<>(samples);
        for (Sample s : samples) {
            if (s.kind().equals("page") && !s.negative()) {
                out.add(new Sample(s.id() + "~noise", NOISE, s.expect(), noise.apply(s.text(), SEED ^ s.id().hashCode())));
            }
        }
        return out;
    }

    public static Report run(Matcher matcher, List<Sample> samples) {
        return new Report(samples.stream().map(s -> new Outcome(s, matcher.match(s.text(), 5))).toList());
    }

    public static void print(Report report, PrintStream out) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Outcome o : report.outcomes()) {
            counts.computeIfAbsent(o.sample().kind(), k -> new int[1])[0]++;
        }
        out.printf(Locale.ROOT, "%-12s %6s %8s %8s%n", "kind", "n", "top-1", "top-3");
        counts.forEach((kind, n) -> out.printf(Locale.ROOT, "%-12s %6d %7.1f%% %7.1f%%%n",
                kind, n[0], 100 * report.top1(kind), 100 * report.top3(kind)));
        out.printf(Locale.ROOT, "positives top-1 (without ocr-noise): %.1f%%%n", 100 * report.positivesTop1());
        out.printf(Locale.ROOT, "ocr-noise top-1: %.1f%%%n", 100 * report.top1(NOISE));
        out.printf(Locale.ROOT, "negatives rejected: %.1f%%%n", 100 * report.negativesRejected());
        List<Outcome> misses = report.misses();
        out.println("misses: " + misses.size());
        for (Outcome o : misses) {
            Match m = o.match();
            String got = m.results().isEmpty() ? "nothing"
                    : m.results().get(0).id() + " " + m.results().get(0).score() + (m.matched() ? "" : " (not matched)");
            out.printf(Locale.ROOT, "  %-28s %-12s expected %-24s got %s | %s%n", o.sample().id(), o.sample().kind(),
                    o.sample().expect() == null ? "no match" : o.sample().expect(), got, abbreviate(o.sample().text()));
        }
    }

    private static String abbreviate(String text) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= 90 ? one : one.substring(0, 87) + "...";
    }
}
