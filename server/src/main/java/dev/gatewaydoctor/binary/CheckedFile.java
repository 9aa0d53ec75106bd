package dev.gatewaydoctor.binary;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * A binary file whose body is followed by the CRC32 of it. It is read whole and parsed from the
 * array (a stream read field by field cost a warm start of a 10,000-entry KB most of a second), so
 * a damaged copy is told apart from a good one before anything in it is believed. Texts are an
 * {@code int} length and UTF-8 bytes; lengths and counts read back are checked against what is
 * left, so a damaged body fails to read instead of allocating gigabytes.
 */
public final class CheckedFile {

    private CheckedFile() {}

    /** What a body writes. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Writes {@code body} and its checksum to {@code file}, replacing it (callers move it into place). */
    public static void write(Path file, Body body) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream raw = Files.newOutputStream(file);
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
                DataOutputStream out = new DataOutputStream(checked)) {
            body.write(out);
            out.flush();
            out.writeLong(crc.getValue());
        }
    }

    /** The body of {@code file}, positioned at its start and limited to it; throws when the checksum does not hold. */
    public static ByteBuffer read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < Long.BYTES) {
            throw new IOException("cut short");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong(bytes.length - Long.BYTES) != crc.getValue()) {
            throw new IOException("checksum mismatch");
        }
        return in.limit(bytes.length - Long.BYTES);
    }

    /** A count or length, at most the bytes left (every counted item takes one byte or more). */
    public static int count(ByteBuffer in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IOException("damaged count " + n);
        }
        return n;
    }

    /** A text as {@link #string(DataOutputStream, String)} wrote it. */
    public static String string(ByteBuffer in) throws IOException {
        int n = count(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    public static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
