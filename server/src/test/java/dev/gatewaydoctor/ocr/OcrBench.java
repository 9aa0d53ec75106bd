package dev.gatewaydoctor.ocr;

import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Match;
import dev.gatewaydoctor.match.Matcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * OCR accuracy bench, not a test: renders every page under {@code ocr/pages/} in several browser
 * windows with Chromium, degrades each screenshot (scaled down, JPEG, blur, inverted, photo), reads
 * it with Tesseract through {@link ScreenshotReader} under several variants (preprocessing and
 * Tesseract options; {@code screenshot} is what the service uses), and prints per degradation and
 * per window: how often the expected entry is the matcher's top-1 (and confident enough to be
 * {@code matched}), the share of the page's words read back, and the wall time per image.
 *
 * <pre>
 * mvn -q -B -DskipTests package test-compile
 * java -cp server/target/gateway-doctor.jar:server/target/test-classes dev.gatewaydoctor.ocr.OcrBench --kb kb
 * </pre>
 * Options: {@code --kb DIR} (repeatable), {@code --variants a,b} (default: all), {@code --threads N}
 * (default 1; each Tesseract process uses one core), {@code --misses} to list every miss.
 */
public final class OcrBench {

    /** A way of reading: preprocessing and Tesseract's options. */
    record Variant(String name, Preprocessing preprocessing, List<String> options) {}

    private static final Preprocessing GRAY = new Preprocessing(true, 0, 1);

    static final List<Variant> VARIANTS = List.of(
            new Variant("none", Preprocessing.NONE, List.of()),
            new Variant("gray", GRAY, List.of()),
            new Variant("gray+psm11", GRAY, List.of("--psm", "11")),
            new Variant("gray+sauvola", GRAY, List.of("-c", "thresholding_method=2")),
            new Variant("gray+upscale1600", new Preprocessing(true, 1600, 3), List.of()),
            new Variant("gray+upscale2000", new Preprocessing(true, 2000, 3), List.of()),
            new Variant("screenshot", Preprocessing.SCREENSHOT, List.of()));

    record Sample(ErrorPages.Page page, ErrorPages.Window window, Degradation degradation, byte[] bytes) {}

    record Result(Sample sample, boolean top1, boolean matched, double recall, long millis, String got, String error) {}

    public static void main(String[] args) throws Exception {
        List<Path> kb = new ArrayList<>();
        Set<String> only = new LinkedHashSet<>();
        int threads = 1;
        boolean misses = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kb" -> kb.add(Path.of(args[++i]));
                case "--variants" -> only.addAll(Arrays.asList(args[++i].split(",")));
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--misses" -> misses = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (kb.isEmpty()) {
            kb.add(Path.of("kb"));
        }
        Matcher matcher;
        try {
            matcher = Matcher.build(KbLoader.load(kb));
        } catch (KbException e) {
            System.err.println("the knowledge base has problems: " + e.problems());
            System.exit(1);
            return;
        }
        List<Sample> samples = samples();
        System.out.printf(Locale.ROOT, "%d images: %d pages x %d windows x %d degradations; %d thread(s); tesseract %s%n%n",
                samples.size(), ErrorPages.all().size(), ErrorPages.WINDOWS.size(), Degradation.values().length, threads,
                version());
        Path work = Files.createTempDirectory("gd-ocr-bench-");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Variant v : VARIANTS) {
                if (!only.isEmpty() && !only.contains(v.name())) {
                    continue;
                }
                ScreenshotReader reader = new ScreenshotReader(OcrSettings.DEFAULT_MAX_BYTES,
                        new ImageCheck(OcrSettings.DEFAULT_MAX_PIXELS), v.preprocessing(),
                        new Tesseract("tesseract", Duration.ofSeconds(60), v.options(), work),
                        new OcrQueue(threads, samples.size(), Duration.ofMinutes(30)), work);
                List<Future<Result>> futures = new ArrayList<>();
                for (Sample s : samples) {
                    futures.add(pool.submit(() -> run(reader, matcher, s)));
                }
                List<Result> results = new ArrayList<>();
                for (Future<Result> f : futures) {
                    results.add(f.get());
                }
                report(v, results, misses);
            }
        } finally {
            pool.shutdownNow();
            ErrorPages.deleteTree(work);
        }
    }

    private static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (ErrorPages.Page page : ErrorPages.all()) {
            for (ErrorPages.Window window : ErrorPages.WINDOWS) {
                var shot = ErrorPages.screenshot(page, window);
                for (Degradation d : Degradation.values()) {
                    out.add(new Sample(page, window, d, d.apply(shot)));
                }
            }
        }
        return out;
    }

    private static Result run(ScreenshotReader reader, Matcher matcher, Sample s) {
        long start = System.nanoTime();
        try {
            String text = reader.read(s.bytes());
            long ms = (System.nanoTime() - start) / 1_000_000;
            Match m = matcher.match(text, 3);
            String got = m.results().isEmpty() ? "-" : m.results().get(0).id();
            boolean top1 = got.equals(s.page().entry());
            return new Result(s, top1, top1 && m.matched(), recall(s.page().visibleText(), text), ms, got, oneLine(text));
        } catch (OcrException | InterruptedException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            return new Result(s, false, false, 0, ms, "-", e.getMessage());
        }
    }

    /** The share of the page's distinct words (2+ letters or digits) found in the OCR text. */
    static double recall(String page, String ocr) {
        Set<String> want = words(page);
        Set<String> got = words(ocr);
        if (want.isEmpty()) {
            return 1;
        }
        long found = want.stream().filter(got::contains).count();
        return (double) found / want.size();
    }

    private static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 2) {
                out.add(w);
            }
        }
        return out;
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() > 90 ? t.substring(0, 90) + "..." : t;
    }

    private static void report(Variant v, List<Result> results, boolean misses) {
        System.out.printf(Locale.ROOT, "== %s %s%n", v.name(), String.join(" ", v.options()));
        System.out.printf(Locale.ROOT, "%-20s %9s %9s %8s %8s %8s%n", "", "top-1", "matched", "words", "ms/img", "max ms");
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Degradation d : Degradation.values()) {
            groups.put(d.name().toLowerCase(Locale.ROOT), results.stream().filter(r -> r.sample().degradation() == d).toList());
        }
        for (ErrorPages.Window w : ErrorPages.WINDOWS) {
            groups.put(w.name(), results.stream().filter(r -> r.sample().window().equals(w)).toList());
        }
        groups.put("all", results);
        groups.forEach((name, rs) -> System.out.printf(Locale.ROOT, "%-20s %4d/%-4d %4d/%-4d %7.1f%% %8.0f %8d%n", name,
                rs.stream().filter(Result::top1).count(), rs.size(),
                rs.stream().filter(Result::matched).count(), rs.size(),
                100 * rs.stream().mapToDouble(Result::recall).average().orElse(0),
                rs.stream().mapToLong(Result::millis).average().orElse(0),
                rs.stream().mapToLong(Result::millis).max().orElse(0)));
        if (misses) {
            results.stream().filter(r -> !r.top1()).forEach(r -> System.out.printf(Locale.ROOT, "  miss: %s / %s / %s -> %s: %s%n",
                    r.sample().page().name(), r.sample().window().name(), r.sample().degradation(), r.got(), r.error()));
        }
        System.out.println();
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readNBytes(200)).lines().findFirst().orElse("?");
            p.waitFor();
            return first.replace("tesseract ", "");
        } catch (Exception e) {
            return "not found";
        }
    }
}
