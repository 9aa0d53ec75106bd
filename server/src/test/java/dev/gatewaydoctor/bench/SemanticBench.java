package dev.gatewaydoctor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.semantic.Semantic;
import dev.gatewaydoctor.match.semantic.SemanticIndex;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The semantic component alone next to the lexical matcher (a main, not a test): nearest-wording
 * top-1/top-3 over the dev set per split and kind, the share where exactly one of the two is right,
 * cost per text (cold and cached, by length and token budget), KB vector build time cold and from
 * the disk cache, and heap. Run: {@code java -cp server/target/gateway-doctor.jar:server/target/test-classes
 * dev.gatewaydoctor.bench.SemanticBench [generated-entries]}.
 */
public final class SemanticBench {

    private SemanticBench() {}

    /**
     * CPU time of the measuring thread: inference runs on its caller's thread only, so this is
     * what one text costs a free core even when the machine is busy and wall time is not.
     */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** CPU seconds the whole process has used so far (every thread: the KB is embedded on several). */
    static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Wall and CPU nanoseconds of one call each. */
    record Times(long[] wall, long[] cpu) {
        Times(int n) {
            this(new long[n], new long[n]);
        }

        void time(int i, Runnable r) {
            long c = CPU.getCurrentThreadCpuTime();
            long a = System.nanoTime();
            r.run();
            wall[i] = System.nanoTime() - a;
            cpu[i] = CPU.getCurrentThreadCpuTime() - c;
        }

        String summary() {
            return String.format(Locale.ROOT, "wall p50 %.1f ms, p99 %.1f ms; CPU p50 %.1f ms, p99 %.1f ms",
                    p(wall, 0.5), p(wall, 0.99), p(cpu, 0.5), p(cpu, 0.99));
        }
    }

    /** One dev-set line; {@code split} is "all" when the file has none. */
    record Sample(String id, String kind, String expect, String text, String split) {}

    /** Both answers for one positive sample. */
    record Row(Sample sample, boolean lexical1, boolean lexical3, boolean wording1, boolean wording3, boolean any1) {}

    public static void main(String[] args) throws Exception {
        int generated = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Kb kb = KbLoader.load(List.of(Path.of("kb")));
        List<Sample> samples = load(Path.of("kb", "eval"));
        Path data = Files.createTempDirectory("semantic-bench");
        Semantic.Options options = Semantic.Options.defaults().withDataFolder(Optional.of(data));

        long heap0 = usedHeap();
        double c0 = processCpu();
        long t0 = System.nanoTime();
        Semantic semantic = Semantic.start(options);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        double c1 = processCpu();
        SemanticIndex cold = semantic.index(kb);
        double c2 = processCpu();
        long heap = usedHeap() - heap0;
        semantic.close();
        double c3 = processCpu();
        Semantic warmSemantic = Semantic.start(options);
        double c4 = processCpu();
        SemanticIndex warm = warmSemantic.index(kb);
        double c5 = processCpu();
        System.out.printf(Locale.ROOT, "model load %.0f ms wall, %.2f s CPU (again: %.2f s CPU); bundled KB (%d entries, %d distinct texts): "
                + "vectors cold %d ms wall, %.1f s CPU (%d embedded); from the disk cache %d ms wall, %.2f s CPU (%d embedded); "
                + "heap after load %.1f MB (the model session is native memory)%n",
                loadMs, c1 - c0, c4 - c3, kb.size(), cold.build().texts(), cold.build().millis(), c2 - c1, cold.build().embedded(),
                warm.build().millis(), c5 - c4, warm.build().embedded(), heap / 1e6);

        Matcher matcher = Matcher.build(kb);
        List<Row> rows = new ArrayList<>();
        List<Double> negativeBest = new ArrayList<>();
        List<Double> positiveBest = new ArrayList<>();
        int negatives = 0;
        int rejected = 0;
        for (Sample s : samples) {
            Match m = matcher.match(s.text(), 3);
            SemanticIndex.Similarities sim = warm.similarities(s.text());
            Map<String, SemanticIndex.Similarity> all = sim.all();
            double best = all.values().stream().mapToDouble(SemanticIndex.Similarity::variant).max().orElse(-1);
            if (s.expect() == null) {
                negatives++;
                rejected += m.matched() ? 0 : 1;
                negativeBest.add(best);
                continue;
            }
            positiveBest.add(best);
            List<String> lexical = m.results().stream().map(Match.Candidate::id).toList();
            List<String> wording = sim.nearest(3);
            String any = all.entrySet().stream()
                    .max(Comparator.comparingDouble(e -> Math.max(e.getValue().variant(), Math.max(e.getValue().summary(), e.getValue().prose()))))
                    .map(Map.Entry::getKey).orElse("");
            rows.add(new Row(s, m.matched() && lexical.get(0).equals(s.expect()), lexical.stream().limit(3).anyMatch(s.expect()::equals),
                    wording.get(0).equals(s.expect()), wording.contains(s.expect()), any.equals(s.expect())));
        }
        System.out.println();
        System.out.println("positives: top-1 / top-3 (lexical = the fitted matcher, matched and first; wording = nearest KB wording by cosine; "
                + "any = nearest of wording, summary, node prose); exactly-one = share where exactly one of lexical and wording is right at top-1");
        System.out.printf(Locale.ROOT, "%-22s %5s  %-15s %-15s %-7s %-11s %s%n", "split / kind", "n", "lexical", "wording", "any", "exactly-one", "both-wrong");
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.sample().split() + " / all", k -> new ArrayList<>()).add(r);
            groups.computeIfAbsent(r.sample().split() + " / " + r.sample().kind(), k -> new ArrayList<>()).add(r);
        }
        groups.put("everything", rows);
        groups.forEach((name, g) -> System.out.printf(Locale.ROOT, "%-22s %5d  %5.1f / %5.1f   %5.1f / %5.1f   %5.1f   %5.1f       %5.1f%n", name, g.size(),
                pct(g, Row::lexical1), pct(g, Row::lexical3), pct(g, Row::wording1), pct(g, Row::wording3), pct(g, Row::any1),
                pct(g, r -> r.lexical1() != r.wording1()), pct(g, r -> !r.lexical1() && !r.wording1())));
        System.out.printf(Locale.ROOT, "negatives: %d, lexical rejects %.1f %%; best wording cosine p50 %.2f (positives %.2f), p90 %.2f (positives p10 %.2f)%n",
                negatives, 100.0 * rejected / Math.max(negatives, 1), quantile(negativeBest, 0.5), quantile(positiveBest, 0.5),
                quantile(negativeBest, 0.9), quantile(positiveBest, 0.1));

        System.out.println();
        costs(samples, data);
        System.out.println();
        budgets(kb, samples, data);
        warmSemantic.close();

        System.out.println();
        large(generated, data);
    }

    /** Time per text: cold (cache off) and cached, over the dev set and at fixed lengths. */
    static void costs(List<Sample> samples, Path data) {
        List<String> texts = samples.stream().map(Sample::text).toList();
        String words = String.join(" ", texts).replaceAll("\\s+", " ");
        String[] w = words.split(" ");
        try (Semantic s = Semantic.start(Semantic.Options.defaults().withCacheSize(0).withTokenBudget(256).withDataFolder(Optional.of(data)))) {
            for (int i = 0; i < 30; i++) {
                s.embed(texts.get(i % texts.size())); // warm-up: JIT and ONNX Runtime's first runs
            }
            for (int n : new int[] {8, 48}) {
                Times t = new Times(50);
                for (int i = 0; i < 50; i++) {
                    String text = String.join(" ", Arrays.copyOfRange(w, i * 7 % (w.length - n), i * 7 % (w.length - n) + n));
                    t.time(i, () -> s.embed(text));
                }
                System.out.printf(Locale.ROOT, "one text of %d words: %s%n", n, t.summary());
            }
            Times t = new Times(30);
            for (int i = 0; i < 30; i++) {
                String text = String.join(" ", Arrays.copyOfRange(w, i * 11, i * 11 + 400));
                t.time(i, () -> s.embed(text));
            }
            System.out.printf(Locale.ROOT, "one text cut at 256 tokens (%d read): %s%n",
                    s.model().tokens(String.join(" ", Arrays.copyOfRange(w, 0, 400))), t.summary());
        }
        try (Semantic s = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            for (int i = 0; i < 30; i++) {
                s.embed("warm-up text " + i);
            }
            Times cold = time(s, texts);
            Times cached = time(s, texts);
            System.out.printf(Locale.ROOT, "dev set (%d texts, budget %d tokens): cold %s; cached wall p50 %.3f ms, p99 %.3f ms%n",
                    texts.size(), s.options().tokenBudget(), cold.summary(), p(cached.wall(), 0.5), p(cached.wall(), 0.99));
        }
    }

    /** What the token budget costs: nearest-wording top-1 and time per text at each budget. */
    static void budgets(Kb kb, List<Sample> samples, Path data) {
        List<Sample> positives = samples.stream().filter(s -> s.expect() != null).toList();
        for (int budget : new int[] {32, 64, 128, 256}) {
            try (Semantic s = Semantic.start(Semantic.Options.defaults().withTokenBudget(budget).withDataFolder(Optional.of(data)))) {
                SemanticIndex index = s.index(kb);
                Times t = new Times(positives.size());
                int right = 0;
                int heldout = 0;
                int heldoutRight = 0;
                for (int i = 0; i < positives.size(); i++) {
                    Sample p = positives.get(i);
                    List<String> nearest = new ArrayList<>();
                    t.time(i, () -> nearest.addAll(index.similarities(p.text()).nearest(1)));
                    boolean ok = nearest.get(0).equals(p.expect());
                    right += ok ? 1 : 0;
                    if (p.split().equals("heldout")) {
                        heldout++;
                        heldoutRight += ok ? 1 : 0;
                    }
                }
                System.out.printf(Locale.ROOT, "budget %3d tokens: wording top-1 %.1f %% (held-out %s), per text cold %s%n", budget,
                        100.0 * right / positives.size(), heldout == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100.0 * heldoutRight / heldout),
                        t.summary());
            }
        }
    }

    /** A generated KB: vectors cold, then from the disk cache, and the time of one all-entries similarity. */
    static void large(int count, Path data) {
        Kb kb = MatchBench.generate(count, new Random(42));
        try (Semantic cold = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            double c = processCpu();
            SemanticIndex index = cold.index(kb);
            System.out.printf(Locale.ROOT, "generated KB (%d entries, %d distinct texts): vectors cold %.1f s wall, %.1f s CPU (%d embedded)%n", count,
                    index.build().texts(), index.build().millis() / 1e3, processCpu() - c, index.build().embedded());
        }
        long heap0 = usedHeap();
        try (Semantic warm = Semantic.start(Semantic.Options.defaults().withDataFolder(Optional.of(data)))) {
            double c = processCpu();
            SemanticIndex index = warm.index(kb);
            double warmCpu = processCpu() - c;
            long heap = usedHeap() - heap0;
            SemanticIndex.Similarities sim = index.similarities("a text to compare with every entry");
            for (int i = 0; i < 20; i++) {
                sim.all();
            }
            long[] t = new long[20];
            for (int i = 0; i < t.length; i++) {
                long a = System.nanoTime();
                sim.nearest(3);
                t[i] = System.nanoTime() - a;
            }
            System.out.printf(Locale.ROOT, "generated KB from the disk cache: %.2f s wall, %.2f s CPU (%d embedded), heap %.0f MB; "
                    + "nearest over all entries p50 %.1f ms, one entry's similarity %.4f ms%n", index.build().millis() / 1e3, warmCpu,
                    index.build().embedded(), heap / 1e6, p(t, 0.5), perEntry(sim));
        }
    }

    private static double perEntry(SemanticIndex.Similarities sim) {
        long a = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            sim.of("gen-" + i % 100);
        }
        return (System.nanoTime() - a) / 1e6 / 10_000;
    }

    private static Times time(Semantic s, List<String> texts) {
        Times t = new Times(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            t.time(i, () -> s.embed(text));
        }
        return t;
    }

    private static double p(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (s.length * q))] / 1e6;
    }

    private static double quantile(List<Double> v, double q) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = v.stream().sorted().toList();
        return s.get(Math.min(s.size() - 1, (int) (s.size() * q)));
    }

    private static double pct(List<Row> rows, Predicate<Row> ok) {
        return rows.isEmpty() ? 0 : 100.0 * rows.stream().filter(ok).count() / rows.size();
    }

    static List<Sample> load(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Sample> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                JsonNode expect = n.get("expect");
                out.add(new Sample(n.path("id").asText(), n.path("kind").asText("unknown"),
                        expect == null || expect.isNull() ? null : expect.asText(), n.path("text").asText(), n.path("split").asText("all")));
            }
        }
        return out;
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
