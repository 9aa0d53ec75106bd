package dev.gatewaydoctor.ocr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private folder for one image's files, removed with everything in it on {@link #close()}:
 * used in try-with-resources so that no screenshot outlives its request, whatever happens.
 */
final class TempFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TempFolder.class);

    private final Path path;

    private TempFolder(Path path) {
        this.path = path;
    }

    static TempFolder create(Path parent) throws IOException {
        Files.createDirectories(parent);
        return new TempFolder(Files.createTempDirectory(parent, "gd-ocr-"));
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        delete(path);
    }

    /** Removes {@code dir} and its content; a failure is logged, never thrown over the real outcome. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove the temporary folder {}: {}", dir, e.getMessage());
        }
    }
}
