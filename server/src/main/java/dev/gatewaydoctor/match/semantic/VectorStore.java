package dev.gatewaydoctor.match.semantic;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KB text vectors kept on disk between starts, one file per model and token budget, keyed by a
 * hash of the normalised text: a restart or a reload only embeds the texts that changed. Without
 * a usable folder it keeps nothing and says so once in the log; it never fails a start.
 */
final class VectorStore {

    private static final Logger LOG = LoggerFactory.getLogger(VectorStore.class);
    private static final int MAGIC = 0x47445631; // "GDV1"

    /** The first 128 bits of the text's SHA-256: collisions are out of reach for any KB. */
    record Key(long high, long low) {
        static Key of(String normalised) {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
                long hi = 0;
                long lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = hi << 8 | (h[i] & 0xff);
                    lo = lo << 8 | (h[8 + i] & 0xff);
                }
                return new Key(hi, lo);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    private final Optional<Path> file;
    private final String model;

    private VectorStore(Optional<Path> file, String model) {
        this.file = file;
        this.model = model;
    }

    /** Keeps nothing: every build embeds every text. */
    static VectorStore inMemory(String model) {
        return new VectorStore(Optional.empty(), model);
    }

    /**
     * The store for {@code model} under {@code dataFolder}; the folder is made when missing. When
     * it cannot be made or written, the store keeps nothing, with one log line.
     */
    static VectorStore in(Path dataFolder, String model) {
        Path folder = dataFolder.resolve("vectors");
        try {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new IOException("not writable");
            }
        } catch (IOException | SecurityException e) {
            LOG.warn("KB vectors are kept in memory only: cannot use the data folder {} ({})", folder, e.getMessage());
            return inMemory(model);
        }
        String name = model.replaceAll("[^A-Za-z0-9._-]+", "_") + ".vec";
        return new VectorStore(Optional.of(folder.resolve(name)), model);
    }

    boolean persistent() {
        return file.isPresent();
    }

    /** What the file holds; an unreadable or foreign file counts as empty (and is rewritten later). */
    Map<Key, float[]> read() {
        Map<Key, float[]> out = new HashMap<>();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return out;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.get()), 1 << 16))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(model)) {
                return out;
            }
            int dimensions = in.readInt();
            int count = in.readInt();
            if (dimensions < 1 || dimensions > 1 << 16 || count < 0) {
                throw new IOException("a damaged header");
            }
            // A vector's floats are read as one block (the big-endian layout DataOutput wrote):
            // a KB of 10,000 entries has 100,000 of them, and a float at a time took seconds.
            byte[] block = new byte[16 + dimensions * Float.BYTES];
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(block);
            for (int i = 0; i < count; i++) {
                in.readFully(block);
                buffer.clear();
                Key key = new Key(buffer.getLong(), buffer.getLong());
                float[] v = new float[dimensions];
                buffer.asFloatBuffer().get(v);
                out.put(key, v);
            }
        } catch (EOFException e) {
            LOG.warn("KB vector file {} is cut short; its vectors are computed again", file.get());
            out.clear();
        } catch (IOException e) {
            LOG.warn("cannot read the KB vector file {} ({}); its vectors are computed again", file.get(), e.getMessage());
            out.clear();
        }
        return out;
    }

    /**
     * Replaces the file with {@code vectors} (written beside it, then moved, so a reader never sees
     * half a file). A failure is logged: the next start embeds again, nothing else is lost.
     */
    void write(Map<Key, float[]> vectors, int dimensions) {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeUTF(model);
                out.writeInt(dimensions);
                out.writeInt(vectors.size());
                for (Map.Entry<Key, float[]> e : vectors.entrySet()) {
                    out.writeLong(e.getKey().high());
                    out.writeLong(e.getKey().low());
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write the KB vector file {} ({}); the next start computes them again", target, e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is overwritten by the next write anyway
            }
        }
    }
}
