package dev.gatewaydoctor.kb;

import dev.gatewaydoctor.binary.CheckedFile;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large KB folder's parsed entries kept on disk between starts, in
 * {@code <data>/entries/<folder key>.bin}: each file's parsed entry and warnings under the hash of
 * its bytes. Parsing (YAML, Markdown, HTML anchors) is most of a 10,000-entry KB's load; a start or
 * reload reads every file still, and parses only those whose bytes changed (each kept parse is
 * decoded on the thread that read its file, so on all cores). The copy is stamped with
 * the release and with the parser's own class files, so a rebuilt parser never reads what an older
 * one made of a file. Files with errors are never kept: they are parsed, and reported, every time.
 * Small folders parse faster than they read and never touch the disk. A copy that cannot be read
 * is ignored and replaced.
 */
final class ParsedCache {

    private static final Logger LOG = LoggerFactory.getLogger(ParsedCache.class);

    /** Below this many entry files a folder parses in well under a second: nothing is written. */
    static final int MIN_ENTRIES = 1_000;
    private static final int MAGIC = 0x47445045; // "GDPE"
    private static final int FORMAT = 2;
    /** What the parse of a file depends on besides its bytes: these classes' code. */
    private static final List<Class<?>> PARSER = List.of(ParsedCache.class, EntryParser.class, Markdown.class, Entry.class,
            Evidence.class, Flow.class, Node.class, Node.Question.class, Node.Fix.class, Node.End.class, Option.class,
            Target.class, Target.Step.class, Target.Jump.class, Audience.class, Problem.class);
    private static final String STAMP = stamp();

    /** One file's parse as kept: its warnings and its entry (with the language of a translation). */
    record Kept(byte[] hash, List<Problem> warnings, EntryParser.Parsed parsed) {}

    /** Where one file's parse sits in the copy: decoded only when asked for, on the thread that asks. */
    private record Slot(byte[] hash, int offset, int length) {}

    private final Path file;
    private final Path folder;
    private final byte[] bytes;
    private final Map<String, Slot> kept;
    /** Whether a kept parse failed to decode: the next write replaces the copy even if no file changed. */
    private volatile boolean damaged;

    private ParsedCache(Path file, Path folder, byte[] bytes, Map<String, Slot> kept) {
        this.file = file;
        this.folder = folder;
        this.bytes = bytes;
        this.kept = kept;
    }

    /**
     * The cache of {@code folder} under {@code dataFolder} (what an earlier start kept, if
     * anything), or empty for a folder of fewer than {@link #MIN_ENTRIES} entry files or when the
     * parser's stamp cannot be taken.
     */
    static Optional<ParsedCache> of(Optional<Path> dataFolder, Path folder, int entryFiles) {
        if (dataFolder.isEmpty() || entryFiles < MIN_ENTRIES || STAMP == null) {
            return Optional.empty();
        }
        Path absolute = folder.toAbsolutePath().normalize();
        Path file = dataFolder.get().resolve("entries").resolve(sha256Hex(absolute.toString()).substring(0, 32) + ".bin");
        ByteBuffer body = readCopy(file);
        return Optional.of(new ParsedCache(file, folder, body.array(), slots(file, body)));
    }

    /** SHA-256 of a file's bytes: the key of its parse. */
    static byte[] hash(byte[] content) {
        return digest().digest(content);
    }

    /** The kept parse of {@code name} when its bytes hash to {@code hash}; the file path is the current one. */
    Optional<Kept> lookup(String name, byte[] hash) {
        Slot slot = kept.get(name);
        if (slot == null || !Arrays.equals(slot.hash(), hash)) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, slot.offset(), slot.length());
            Kept k = readKept(in, folder.resolve(name), hash);
            if (in.hasRemaining()) {
                throw new IOException("trailing bytes");
            }
            return Optional.of(k);
        } catch (IOException | RuntimeException e) {
            // The copy's checksum held, so this is a copy of another shape: parse the file.
            damaged = true;
            LOG.warn("the parse of {} kept in {} cannot be read ({}): parsing it again", name, file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Keeps {@code now} (file name to parse) in place of what was kept, when it differs; a failure
     * only costs the next start its speed.
     */
    void write(Map<String, Kept> now) {
        if (!damaged && now.keySet().equals(kept.keySet())
                && now.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue().hash(), kept.get(e.getKey()).hash()))) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(file.getParent());
            CheckedFile.write(tmp, out -> {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                CheckedFile.string(out, STAMP);
                out.writeInt(now.size());
                java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
                for (Map.Entry<String, Kept> e : now.entrySet()) {
                    CheckedFile.string(out, e.getKey());
                    out.write(e.getValue().hash());
                    record.reset();
                    writeKept(new DataOutputStream(record), e.getValue());
                    out.writeInt(record.size());
                    record.writeTo(out);
                }
            });
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("the parsed KB entries could not be kept in {} ({}): the next start parses them again", file, e.toString());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temporary file is overwritten by the next write of this process id
            }
        }
    }

    /** The copy's body when its checksum holds, else an empty one: it is read whole, each parse decoded when asked for. */
    private static ByteBuffer readCopy(Path file) {
        if (!Files.isRegularFile(file)) {
            return ByteBuffer.allocate(0);
        }
        try {
            return CheckedFile.read(file);
        } catch (IOException e) {
            LOG.warn("the parsed KB entries kept in {} cannot be read ({}): parsing them again", file, e.toString());
            return ByteBuffer.allocate(0);
        }
    }

    /** Where each file's parse sits in the copy; none for an empty copy or one of another format or parser. */
    private static Map<String, Slot> slots(Path file, ByteBuffer body) {
        if (!body.hasRemaining()) {
            return Map.of();
        }
        try {
            ByteBuffer in = body.duplicate();
            if (in.getInt() != MAGIC || in.getInt() != FORMAT || !STAMP.equals(CheckedFile.string(in))) {
                return Map.of();
            }
            int n = CheckedFile.count(in);
            Map<String, Slot> out = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String name = CheckedFile.string(in);
                byte[] hash = new byte[32];
                in.get(hash);
                int length = CheckedFile.count(in);
                out.put(name, new Slot(hash, in.position(), length));
                in.position(in.position() + length);
            }
            if (in.hasRemaining()) {
                throw new IOException("trailing bytes");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("the parsed KB entries kept in {} cannot be read ({}): parsing them again", file, e.toString());
            return Map.of();
        }
    }

    private static void writeKept(DataOutputStream out, Kept k) throws IOException {
        out.writeInt(k.warnings().size());
        for (Problem p : k.warnings()) {
            out.writeInt(p.line());
            CheckedFile.string(out, p.message());
        }
        nullable(out, k.parsed().lang());
        Entry e = k.parsed().entry();
        CheckedFile.string(out, e.id());
        CheckedFile.string(out, e.title());
        out.writeInt(e.codes().size());
        for (int code : e.codes()) {
            out.writeInt(code);
        }
        strings(out, e.variants());
        strings(out, e.audience().stream().map(Audience::key).toList());
        strings(out, e.tags());
        strings(out, e.related());
        evidence(out, e.evidence());
        evidence(out, e.unlike());
        CheckedFile.string(out, e.summary());
        CheckedFile.string(out, e.flow().root());
        out.writeInt(e.flow().nodes().size());
        for (Node node : e.flow().nodes().values()) {
            out.writeByte(node instanceof Node.Question ? 'q' : node instanceof Node.End ? 'e' : 'f');
            CheckedFile.string(out, node.id());
            CheckedFile.string(out, node.title());
            CheckedFile.string(out, node.text());
            out.writeInt(node.line());
            if (node instanceof Node.Question q) {
                out.writeInt(q.options().size());
                for (Option o : q.options()) {
                    CheckedFile.string(out, o.id());
                    CheckedFile.string(out, o.label());
                    if (o.target() instanceof Target.Jump jump) {
                        out.writeByte('j');
                        CheckedFile.string(out, jump.entry());
                        nullable(out, jump.node().orElse(null));
                    } else {
                        out.writeByte('s');
                        CheckedFile.string(out, ((Target.Step) o.target()).node());
                    }
                    evidence(out, o.evidence());
                    out.writeInt(o.line());
                }
            }
        }
        out.writeInt(e.lines().size());
        for (Map.Entry<String, Integer> l : e.lines().entrySet()) {
            CheckedFile.string(out, l.getKey());
            out.writeInt(l.getValue());
        }
    }

    private static Kept readKept(ByteBuffer in, Path file, byte[] hash) throws IOException {
        int w = CheckedFile.count(in);
        List<Problem> warnings = new ArrayList<>(w);
        for (int i = 0; i < w; i++) {
            int line = in.getInt();
            warnings.add(Problem.warning(file, line, CheckedFile.string(in)));
        }
        String lang = nullable(in);
        String id = CheckedFile.string(in);
        String title = CheckedFile.string(in);
        int c = CheckedFile.count(in);
        List<Integer> codes = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            codes.add(in.getInt());
        }
        List<String> variants = strings(in);
        List<Audience> audience = new ArrayList<>();
        for (String k : strings(in)) {
            audience.add(Audience.byKey(k).orElseThrow(() -> new IOException("unknown audience " + k)));
        }
        List<String> tags = strings(in);
        List<String> related = strings(in);
        List<Evidence> evidence = evidence(in);
        List<Evidence> unlike = evidence(in);
        String summary = CheckedFile.string(in);
        String root = CheckedFile.string(in);
        int n = CheckedFile.count(in);
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int kind = in.get();
            String nodeId = CheckedFile.string(in);
            String nodeTitle = CheckedFile.string(in);
            String text = CheckedFile.string(in);
            int line = in.getInt();
            Node node = switch (kind) {
                case 'q' -> {
                    int o = CheckedFile.count(in);
                    List<Option> options = new ArrayList<>(o);
                    for (int j = 0; j < o; j++) {
                        String optionId = CheckedFile.string(in);
                        String label = CheckedFile.string(in);
                        int t = in.get();
                        Target target = switch (t) {
                            case 'j' -> new Target.Jump(CheckedFile.string(in), Optional.ofNullable(nullable(in)));
                            case 's' -> new Target.Step(CheckedFile.string(in));
                            default -> throw new IOException("unknown target kind " + t);
                        };
                        options.add(new Option(optionId, label, target, evidence(in), in.getInt()));
                    }
                    yield new Node.Question(nodeId, nodeTitle, text, options, line);
                }
                case 'e' -> new Node.End(nodeId, nodeTitle, text, line);
                case 'f' -> new Node.Fix(nodeId, nodeTitle, text, line);
                default -> throw new IOException("unknown node kind " + kind);
            };
            nodes.put(nodeId, node);
        }
        int l = CheckedFile.count(in);
        Map<String, Integer> lines = new HashMap<>(l * 2);
        for (int i = 0; i < l; i++) {
            lines.put(CheckedFile.string(in), in.getInt());
        }
        Entry entry = new Entry(id, title, codes, variants, audience, tags, related, evidence, unlike, summary,
                new Flow(root, nodes), file, lines);
        return new Kept(hash, List.copyOf(warnings), new EntryParser.Parsed(entry, lang));
    }

    private static void evidence(DataOutputStream out, List<Evidence> list) throws IOException {
        out.writeInt(list.size());
        for (Evidence ev : list) {
            CheckedFile.string(out, ev.label());
            out.writeInt(ev.patterns().size());
            for (Pattern p : ev.patterns()) {
                CheckedFile.string(out, p.pattern());
                out.writeInt(p.flags());
            }
            out.writeInt(ev.line());
        }
    }

    private static List<Evidence> evidence(ByteBuffer in) throws IOException {
        int n = CheckedFile.count(in);
        List<Evidence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String label = CheckedFile.string(in);
            int p = CheckedFile.count(in);
            List<Pattern> patterns = new ArrayList<>(p);
            for (int j = 0; j < p; j++) {
                String regex = CheckedFile.string(in);
                patterns.add(Pattern.compile(regex, in.getInt()));
            }
            out.add(new Evidence(label, patterns, in.getInt()));
        }
        return out;
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            CheckedFile.string(out, s);
        }
    }

    private static List<String> strings(ByteBuffer in) throws IOException {
        int n = CheckedFile.count(in);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(CheckedFile.string(in));
        }
        return out;
    }

    private static void nullable(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
        } else {
            CheckedFile.string(out, s);
        }
    }

    private static String nullable(ByteBuffer in) throws IOException {
        if (in.getInt(in.position()) == -1) {
            in.getInt();
            return null;
        }
        return CheckedFile.string(in);
    }

    /** The release and the parser's class files, hashed; null when a class file cannot be read. */
    private static String stamp() {
        MessageDigest d = digest();
        d.update(("format " + FORMAT + " release " + ParsedCache.class.getPackage().getImplementationVersion())
                .getBytes(StandardCharsets.UTF_8));
        for (Class<?> c : PARSER) {
            String resource = c.getName().substring(c.getPackageName().length() + 1) + ".class";
            try (InputStream in = c.getResourceAsStream(resource)) {
                if (in == null) {
                    return null;
                }
                d.update(in.readAllBytes());
            } catch (IOException e) {
                return null;
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String sha256Hex(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
