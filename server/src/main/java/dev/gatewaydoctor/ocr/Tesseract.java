package dev.gatewaydoctor.ocr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tesseract command line ({@code tesseract in.png stdout}), one process per image, killed when it
 * runs over its time. Output goes to files in the caller's folder rather than pipes, so a chatty or
 * stuck process can never block this thread. Thread-safe.
 */
public final class Tesseract {

    /** Told to whoever asks for OCR where Tesseract is missing. */
    public static final String INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng";

    /** Said to clients; the command itself (GATEWAY_DOCTOR_TESSERACT) goes to the log only. */
    private static final String CANNOT_RUN = "the Tesseract command cannot be run";
    /** The language pack every bundled entry is written in. */
    static final String LANGUAGE = "eng";
    /** Enough for any screenshot; more output than this is cut (the matcher reads at most 64 KB). */
    static final int MAX_OUTPUT = 64 * 1024;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** How long a probe's answer is trusted: installing Tesseract later is noticed without a restart. */
    private static final Duration PROBE_TTL = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Tesseract.class);

    private final String command;
    private final Duration timeout;
    private final Path workDir;
    private final List<String> options;
    private final Duration probeTtl;
    private final AtomicReference<Probe> probe = new AtomicReference<>();
    /** Whether a probe is running in the background: at most one at a time. */
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Probe(boolean available, String problem, long atNanos) {}

    /**
     * @param command the executable, a name on the PATH or a path
     * @param timeout the longest one image may take
     * @param options further command-line options, e.g. {@code --psm 11} or {@code -c thresholding_method=2}
     * @param workDir where the availability probe writes its output (removed right after)
     */
    public Tesseract(String command, Duration timeout, List<String> options, Path workDir) {
        this(command, timeout, options, workDir, PROBE_TTL);
    }

    Tesseract(String command, Duration timeout, List<String> options, Path workDir, Duration probeTtl) {
        this.probeTtl = probeTtl;
        this.command = command;
        this.timeout = timeout;
        this.workDir = workDir;
        this.options = List.copyOf(options);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Whether Tesseract runs and has the English language pack. Only the first call waits for the
     * probe; later ones get the last answer at once, and an answer older than a minute is checked
     * again in the background (so /health, which asks on every probe, never waits for a process:
     * in the soak a re-probe took 90-130 ms of a /health answer on the loaded cores).
     */
    public boolean available() {
        return probe().available();
    }

    /** Why Tesseract is not available, for the 503 answer; empty when it is. */
    public String problem() {
        return probe().problem();
    }

    private Probe probe() {
        Probe p = probe.get();
        if (p == null) {
            synchronized (probe) {
                p = probe.get();
                if (p == null) {
                    p = runProbe();
                    probe.set(p);
                }
            }
        } else if (System.nanoTime() - p.atNanos() > probeTtl.toNanos() && refreshing.compareAndSet(false, true)) {
            Thread refresh = new Thread(() -> {
                try {
                    probe.set(runProbe());
                } finally {
                    refreshing.set(false);
                }
            }, "tesseract-probe");
            refresh.setDaemon(true);
            refresh.start();
        }
        return p;
    }

    /** Whether a background probe is running (for tests, which wait for it before removing its folder). */
    boolean probing() {
        return refreshing.get();
    }

    /** Marks the last answer as out of date, so that the next question has it checked again. */
    private void recheck() {
        Probe p = probe.get();
        if (p != null) {
            probe.set(new Probe(p.available(), p.problem(), System.nanoTime() - probeTtl.toNanos() - 1));
        }
    }

    private Probe runProbe() {
        try (TempFolder dir = TempFolder.create(workDir)) {
            Path out = dir.path().resolve("langs.txt");
            Process process = new ProcessBuilder(command, "--list-langs")
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!finish(process, PROBE_TIMEOUT)) {
                return new Probe(false, "'tesseract --list-langs' did not answer in " + PROBE_TIMEOUT.toSeconds() + " s", System.nanoTime());
            }
            List<String> langs = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (langs.stream().noneMatch(line -> line.strip().equals(LANGUAGE))) {
                return new Probe(false, "Tesseract has no '" + LANGUAGE + "' language pack", System.nanoTime());
            }
            return new Probe(true, "", System.nanoTime());
        } catch (IOException e) {
            return new Probe(false, CANNOT_RUN, System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(false, "interrupted while checking Tesseract", System.nanoTime());
        }
    }

    /**
     * The text Tesseract reads in {@code image}; its output files go to {@code dir}, which the caller
     * removes.
     */
    public String read(Path image, Path dir) throws OcrException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> args = new ArrayList<>(List.of(command, image.toString(), "stdout", "-l", LANGUAGE));
        args.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        // One thread per process: the queue already runs one process per core, and OpenMP threads
        // on top of that only fight over the same cores.
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            probe.set(new Probe(false, CANNOT_RUN, System.nanoTime()));
            LOG.warn("cannot run tesseract as '{}': {}", command, e.getMessage());
            throw unavailable(CANNOT_RUN);
        }
        if (!finish(process, timeout)) {
            throw new OcrException(OcrException.Reason.TIMED_OUT,
                    "reading the image took longer than " + seconds(timeout) + " s: crop the screenshot to the error message and try again",
                    Map.of("timeout_seconds", seconds(timeout)));
        }
        if (process.exitValue() != 0) {
            // A PNG we wrote ourselves was refused: Tesseract may be broken (e.g. its language data
            // removed), not the upload, so the next question has it checked again.
            recheck();
            LOG.warn("tesseract exited with {}: {}", process.exitValue(), lastLine(err));
            throw unavailable("Tesseract failed (exit " + process.exitValue() + ")");
        }
        return readAtMost(out, MAX_OUTPUT);
    }

    static OcrException unavailable(String why) {
        return new OcrException(OcrException.Reason.UNAVAILABLE,
                "reading images is not available on this server: " + why + ". Install Tesseract: " + INSTALL,
                Map.of("install", INSTALL));
    }

    /** Waits for the process; on timeout kills it and its children and returns false. */
    private static boolean finish(Process process, Duration limit) throws InterruptedException {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                // Wait for the kill so the caller can delete the files the process had open.
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : Double.toString(d.toMillis() / 1000.0);
    }

    private static String readAtMost(Path file, int max) throws OcrException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unavailable("Tesseract's output cannot be read");
        }
    }

    /** For the operator's log: the last thing Tesseract said before failing. */
    private static String lastLine(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            return text.substring(text.lastIndexOf('\n') + 1);
        } catch (IOException e) {
            return "no message";
        }
    }
}
