package dev.gatewaydoctor.ocr;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder where Jetty spools multipart uploads, owned by this process: a {@code gd-spool-*}
 * folder under the OCR folder, held by a lock on a file inside it. A process killed mid-upload
 * ({@code kill -9}) cannot remove its parts, but its lock dies with it: at start, every spool folder
 * whose lock nobody holds is removed. Folders of other live instances (their lock held) are left alone.
 */
public final class SpoolFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpoolFolder.class);
    static final String PREFIX = "gd-spool-";
    private static final String LOCK = ".lock";

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private SpoolFolder(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Removes the spool folders left by dead processes under {@code parent}, then makes and locks this one's. */
    public static SpoolFolder claim(Path parent) {
        try {
            Files.createDirectories(parent);
            int removed = removeAbandoned(parent);
            if (removed > 0) {
                LOG.info("removed {} upload spool folder(s) left by a stopped server in {}", removed, parent);
            }
            Path dir = Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-");
            FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new SpoolFolder(dir, channel, channel.lock());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot make the upload folder in " + parent + ": " + e.getMessage());
        }
    }

    static int removeAbandoned(Path parent) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && !held(dir)) {
                    TempFolder.delete(dir);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Whether a live process (this one included) holds the folder's lock. */
    private static boolean held(Path dir) {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this very process
        } catch (IOException e) {
            return true; // cannot tell: leave it
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("could not release the upload folder lock: {}", e.getMessage());
        }
        TempFolder.delete(path);
    }
}
