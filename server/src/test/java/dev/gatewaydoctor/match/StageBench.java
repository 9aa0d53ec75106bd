package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.regex.RequiredLiterals;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * CPU time per stage of the lexical match over the dev set, one thread (a main, not a test): where
 * a match's time goes; {@code build [entries|folder]} times the index build instead.
 */
public final class StageBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("build")) {
            var kb = args.length > 1 ? (args[1].matches("\\d+")
                    ? dev.gatewaydoctor.bench.MatchBench.generate(Integer.parseInt(args[1]), new java.util.Random(42))
                    : KbLoader.load(List.of(Path.of(args[1])))) : KbLoader.load(List.of(Path.of("kb")));
            for (int i = 0; i < (args.length > 1 ? 2 : 5); i++) {
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                new EntryIndex(kb);
                System.out.printf("build %.0f ms wall, %.0f ms CPU (all threads)%n", (System.nanoTime() - t0) / 1e6,
                        (os.getProcessCpuTime() - c0) / 1e6);
            }
            return;
        }
        EntryIndex index = new EntryIndex(KbLoader.load(List.of(Path.of("kb"))));
        Tuning tuning = Tuning.defaults().lexical();
        Candidates candidates = new Candidates(index, tuning);
        List<String> texts = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval"))).stream()
                .map(Evaluation.Sample::text).toList();
        System.out.printf("texts %d, mean chars %.0f%n", texts.size(), texts.stream().mapToInt(String::length).average().orElse(0));
        List<Query> queries = texts.stream().map(t -> Query.of(t, index)).toList();
        Matcher m = Matcher.build(index.kb, tuning);
        time("Query.of", texts, t -> Query.of(t, index));
        time("PastedText.of", texts, t -> PastedText.of(t));
        time("TextShape.of", texts, t -> TextShape.of(t));
        time("analyze prose", texts, t -> EntryIndex.terms(index.analyzer, Schema.PROSE, t));
        time("analyze code", texts, t -> EntryIndex.terms(index.analyzer, Schema.CODE, t));
        time("analyze ocr", texts, t -> EntryIndex.terms(index.analyzer, Schema.OCR, t));
        time("analyze words", texts, t -> EntryIndex.terms(index.words, t));
        time("statusCodes", texts, t -> Matcher.statusCodes(t));
        time("fold", texts, t -> RequiredLiterals.fold(t));
        timeQ("Candidates.find", queries, q -> candidates.find(q));
        timeQ("evidence all entries", queries, q -> {
            for (EntryIndex.Profile p : index.profiles.values()) {
                for (CompiledEvidence ev : p.evidence()) {
                    ev.find(q.evidenceText(), q.foldedEvidence());
                }
            }
        });
        timeQ("unlike all", queries, q -> {
            for (CompiledEvidence ev : index.allUnlike) {
                ev.find(q.evidenceText(), q.foldedEvidence());
            }
        });
        time("match (lexical)", texts, t -> m.score(t, Matcher.Path.LEXICAL));
    }

    static void time(String name, List<String> texts, Consumer<String> f) {
        run(name, texts, f);
    }

    static void timeQ(String name, List<Query> qs, Consumer<Query> f) {
        run(name, qs, f);
    }

    static <T> void run(String name, List<T> items, Consumer<T> f) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < 3; r++) {
            items.forEach(f);
        }
        long[] cpu = new long[items.size()];
        for (int i = 0; i < items.size(); i++) {
            long c = threads.getCurrentThreadCpuTime();
            f.accept(items.get(i));
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        long sum = 0;
        for (long c : cpu) sum += c;
        java.util.Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-22s mean %8.3f ms  p50 %8.3f  p99 %8.3f%n", name, sum / 1e6 / cpu.length,
                cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6);
    }
}
