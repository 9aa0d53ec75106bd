package dev.gatewaydoctor;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Everything derived from one KB. */
    public record Snapshot(Kb kb, Matcher matcher) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final Matcher.Tuning tuning;

    public Knowledge(Kb kb, Matcher.Tuning tuning) {
        this.tuning = tuning;
        replace(kb);
    }

    public Kb kb() {
        return current.get().kb();
    }

    public Matcher matcher() {
        return current.get().matcher();
    }

    /** Builds the index for {@code kb}, then serves it. */
    public void replace(Kb kb) {
        current.set(new Snapshot(kb, Matcher.build(kb, tuning)));
    }

    /**
     * Loads the folders again and serves the result; a KB with problems is not served (the old one
     * stays) and the problems are returned.
     */
    public List<String> reload(List<Path> folders) {
        try {
            replace(KbLoader.load(folders));
            return List.of();
        } catch (KbException e) {
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

    /** Changes when any entry file is added, removed or modified. */
    static long fingerprint(List<Path> folders) {
        long h = 17;
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".md")).sorted().toList()) {
                    h = 31 * h + f.hashCode();
                    h = 31 * h + Files.getLastModifiedTime(f).toMillis();
                    h = 31 * h + Files.size(f);
                }
            } catch (IOException e) {
                h = 31 * h + 1;
            }
        }
        return h;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
