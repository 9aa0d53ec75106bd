package dev.gatewaydoctor;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Matcher;
import dev.gatewaydoctor.match.Tuning;
import dev.gatewaydoctor.match.semantic.Semantic;
import dev.gatewaydoctor.match.semantic.SemanticIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge currently served. A reload builds everything derived from the KB first and then
 * swaps it in one step, so a request sees either the old or the new KB, never a mix.
 */
public final class Knowledge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Knowledge.class);

    /** Everything derived from one KB; {@code semantic} is empty when the semantic signal is off. */
    public record Snapshot(Kb kb, Matcher matcher, Optional<SemanticIndex> semantic) {}

    /**
     * Whether the KB served is the one on disk: {@code stale} while the files on disk have problems
     * and the last good KB is served instead.
     *
     * @param problems how many problems the KB on disk has (0 when current)
     * @param since when the KB served was loaded (current), or when the disk was first refused (stale)
     */
    public record Status(boolean current, int problems, Instant since) {
        public String name() {
            return current ? "current" : "stale";
        }
    }

    /** Texts matched once before serving, per entry: enough to load and compile the matcher's paths. */
    static final int WARM_UP_PER_ENTRY = 3;
    /** At most this many in all, so a KB of 10,000 entries still starts in seconds. */
    static final int WARM_UP_MAX = 300;
    /** Texts matched whatever the time (one per entry for a small KB). */
    static final int WARM_UP_MIN = 100;
    /** Time after which the warm-up stops once it has matched its least. */
    static final long WARM_UP_BUDGET_MS = 500;

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Status> status = new AtomicReference<>();
    private final Tuning tuning;
    private final Optional<Semantic> semantic;
    /** Where a large KB's analysed index is kept between starts (empty: always built). */
    private final Optional<Path> dataFolder;

    public Knowledge(Kb kb, Tuning tuning) {
        this(kb, tuning, Optional.empty());
    }

    /** @param semantic the sentence model the KB's vectors are computed with, when the signal is on */
    public Knowledge(Kb kb, Tuning tuning, Optional<Semantic> semantic) {
        this(kb, tuning, semantic, Optional.empty());
    }

    /** @param dataFolder where a large KB's analysed index is kept between starts and reloads */
    public Knowledge(Kb kb, Tuning tuning, Optional<Semantic> semantic, Optional<Path> dataFolder) {
        this.tuning = tuning;
        this.semantic = semantic;
        this.dataFolder = dataFolder;
        replace(kb);
    }

    public Status status() {
        return status.get();
    }

    /**
     * Matches a few of every entry's own wordings (spread over the KB, at most {@link #WARM_UP_MAX}),
     * so that the first requests of a fresh instance do not pay for class loading and the first
     * index reads. Returns how many texts were matched.
     */
    public int warmUp() {
        Snapshot s = current.get();
        List<String> texts = new ArrayList<>();
        int per = Math.max(1, Math.min(WARM_UP_PER_ENTRY, WARM_UP_MAX / Math.max(1, s.kb().size())));
        for (var entry : s.kb().list()) {
            entry.variants().stream().limit(per).forEach(texts::add);
            if (texts.size() >= WARM_UP_MAX) {
                break;
            }
        }
        // Past a few texts per entry (or WARM_UP_MIN for a large KB) the time budget ends it: the
        // paths are compiled by then, and a KB of 10,000 entries should not spend a second here.
        long deadline = System.nanoTime() + WARM_UP_BUDGET_MS * 1_000_000L;
        int least = Math.min(texts.size(), Math.max(Math.min(s.kb().size(), WARM_UP_MIN), 1));
        int n = 0;
        for (String text : texts) {
            if (n >= least && System.nanoTime() > deadline) {
                break;
            }
            s.matcher().match(text, 5);
            n++;
        }
        return n;
    }

    public Kb kb() {
        return current.get().kb();
    }

    public Matcher matcher() {
        return current.get().matcher();
    }

    /** The KB's sentence vectors, when the semantic signal is on. */
    public Optional<SemanticIndex> semantic() {
        return current.get().semantic();
    }

    /**
     * Builds the index and the vectors (of texts not seen before) for {@code kb}, then serves it.
     * The two are independent until the matcher is put together, so they are built side by side.
     */
    public void replace(Kb kb) {
        long t0 = System.nanoTime();
        java.util.concurrent.CompletableFuture<Optional<SemanticIndex>> vectors = semantic.isEmpty()
                ? java.util.concurrent.CompletableFuture.completedFuture(Optional.empty())
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> semantic.map(s -> s.index(kb)), runnable -> {
                    Thread t = new Thread(runnable, "kb-vectors-build");
                    t.setDaemon(true);
                    t.start();
                });
        Matcher matcher;
        try {
            matcher = Matcher.build(kb, tuning, () -> vectors.join(), dataFolder);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        long t2 = System.nanoTime();
        Optional<SemanticIndex> built = vectors.join();
        current.set(new Snapshot(kb, matcher, built));
        status.set(new Status(true, 0, Instant.now()));
        lastBuild.set(new BuildTimes(built.map(v -> v.build().millis()).orElse(0L), (t2 - t0) / 1_000_000));
    }

    /**
     * How long the last KB took to get its vectors and its matcher (the matcher's time includes
     * waiting for the vectors built beside it), in milliseconds, for the start-up log.
     */
    public record BuildTimes(long vectorsMs, long matcherMs) {}

    private final AtomicReference<BuildTimes> lastBuild = new AtomicReference<>(new BuildTimes(0, 0));

    public BuildTimes lastBuild() {
        return lastBuild.get();
    }

    /**
     * Loads the folders again and serves the result; a KB with problems is not served (the old one
     * stays) and the problems are returned.
     */
    public List<String> reload(List<Path> folders) {
        try {
            replace(KbLoader.load(folders, dataFolder));
            return List.of();
        } catch (KbException e) {
            // Stale since the first refusal: a second broken edit does not reset the clock.
            status.updateAndGet(old -> new Status(false, e.problems().size(), old.current() ? Instant.now() : old.since()));
            return e.problems().stream().map(Object::toString).toList();
        }
    }

    private ScheduledExecutorService watcher;
    private volatile int watchSeconds;
    private final AtomicLong refusedReloads = new AtomicLong();
    /** When the watcher last compared the files with the served KB (nanoTime); 0 before the first check. */
    private final AtomicLong lastCheck = new AtomicLong();
    private volatile boolean diskMatchesServed = true;

    /** Reloads refused since the start because the files had problems (the old KB stayed served). */
    public long refusedReloads() {
        return refusedReloads.get();
    }

    /**
     * Whether the served KB is being kept current: true when no reload is configured, or when the
     * watcher has checked the files within the last three intervals (a stuck watcher would serve
     * an old KB forever without a word).
     */
    public boolean watcherAlive() {
        int seconds = watchSeconds;
        if (seconds <= 0) {
            return true;
        }
        long last = lastCheck.get();
        long since = System.nanoTime() - (last == 0 ? watchStarted : last);
        return since < TimeUnit.SECONDS.toNanos(3L * seconds + 5);
    }

    /** False while the files on disk have problems and an older KB is served instead. */
    public boolean diskMatchesServed() {
        return diskMatchesServed;
    }

    private volatile long watchStarted;

    /**
     * Reloads whenever an entry file in the folders changes, checking every {@code seconds}, so KB
     * authors see their edits without a restart.
     */
    public synchronized void watch(List<Path> folders, int seconds) {
        if (watcher != null || seconds <= 0) {
            return;
        }
        watchSeconds = seconds;
        watchStarted = System.nanoTime();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kb-watch");
            t.setDaemon(true);
            return t;
        });
        long[] seen = {fingerprint(folders)};
        watcher.scheduleWithFixedDelay(() -> {
            long now = fingerprint(folders);
            lastCheck.set(System.nanoTime());
            if (now != seen[0]) {
                seen[0] = now;
                List<String> problems = reload(folders);
                diskMatchesServed = problems.isEmpty();
                if (problems.isEmpty()) {
                    LOG.info("knowledge base reloaded: {} entries", kb().size());
                } else {
                    refusedReloads.incrementAndGet();
                    LOG.warn("knowledge base not reloaded, it has problems:\n  {}", String.join("\n  ", problems));
                }
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /**
     * Changes when any entry or glossary file is added, removed or modified. A file that cannot be read (a
     * dangling link) counts by its name alone, so the files after it are still looked at.
     */
    static long fingerprint(List<Path> folders) {
        long h = 17;
        for (Path folder : folders) {
            List<Path> entries;
            try (Stream<Path> files = Files.list(folder)) {
                entries = files.filter(KbLoader::isKbFile).sorted().toList();
            } catch (IOException e) {
                h = 31 * h + 1;
                continue;
            }
            for (Path f : entries) {
                h = 31 * h + f.hashCode();
                try {
                    h = 31 * h + Files.getLastModifiedTime(f).toMillis();
                    h = 31 * h + Files.size(f);
                } catch (IOException unreadable) {
                    h = 31 * h + 7;
                }
            }
        }
        return h;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        semantic.ifPresent(Semantic::close);
    }
}
