package dev.gatewaydoctor.match;

import dev.gatewaydoctor.binary.CheckedFile;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Node;
import dev.gatewaydoctor.kb.Option;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large KB's analysed index kept on disk between starts, in {@code <data>/index/<key>/}: the
 * Lucene files and every entry's term sets. The key is a hash of everything the analysis reads
 * (each entry's texts, in KB order), of the Lucene version and of what the analyzers make of a
 * probe text, so an edited entry, another release's analysis or another KB never reads a stale
 * copy. A start or reload with the same KB reads it instead of analysing and indexing again.
 * Small KBs build faster than they read and never touch the disk. A copy that cannot be read is
 * rebuilt and replaced; the last few copies are kept, older ones deleted.
 */
final class IndexCache {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);

    /** Below this many entries the index builds in well under a second: nothing is written. */
    static final int MIN_ENTRIES = 1_000;
    /** Copies kept (a reload's KB and the one before it, and one more). */
    private static final int KEEP = 3;
    private static final String TERMS_FILE = "terms.bin";
    private static final int FORMAT = 2;

    /** One entry's term sets as the index built them (see {@link EntryIndex.Profile}). */
    record EntryTerms(String[] prose, String[] folded, List<String> title, String[] focus, List<List<String>> wordings) {}

    /** @param docs what the stored fields say of each document, kept so a start does not read every document's */
    record Loaded(ByteBuffersDirectory lucene, List<EntryTerms> terms, Docs docs) {}

    /**
     * Each document's entry ordinal and kind, as the index's stored fields have them.
     *
     * @param ordinal each document's entry, by position in the KB
     * @param wording whether each document is one of its entry's wordings
     */
    record Docs(int[] ordinal, boolean[] wording) {}

    private final Path folder;
    private final String key;

    private IndexCache(Path folder, String key) {
        this.folder = folder;
        this.key = key;
    }

    /** The cache for {@code entries} under {@code dataFolder}, or empty for a KB too small to need one. */
    static Optional<IndexCache> of(Optional<Path> dataFolder, List<Entry> entries, EntryIndex analyzers) {
        if (dataFolder.isEmpty() || entries.size() < MIN_ENTRIES) {
            return Optional.empty();
        }
        return Optional.of(new IndexCache(dataFolder.get().resolve("index"), key(entries, analyzers)));
    }

    /** The copy for this KB, when one was written and reads back whole. */
    Optional<Loaded> read(List<Entry> entries) {
        Path dir = folder.resolve(key);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            List<EntryTerms> terms = new ArrayList<>(entries.size());
            Docs docs = readTerms(dir.resolve(TERMS_FILE), entries, terms);
            ByteBuffersDirectory lucene = new ByteBuffersDirectory();
            try (Directory fs = FSDirectory.open(dir)) {
                for (String file : fs.listAll()) {
                    if (!file.equals(TERMS_FILE)) {
                        lucene.copyFrom(fs, file, file, IOContext.READONCE);
                    }
                }
            }
            return Optional.of(new Loaded(lucene, terms, docs));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the KB index kept in {} cannot be read ({}): building it again", dir, e.toString());
            deleteQuietly(dir);
            return Optional.empty();
        }
    }

    /** Keeps {@code lucene} and {@code terms} for the next start; a failure only costs that start its speed. */
    void write(Directory lucene, List<EntryTerms> terms, List<Entry> entries, Docs docs) {
        Path dir = folder.resolve(key);
        Path tmp = folder.resolve(key + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(tmp);
            try (Directory fs = FSDirectory.open(tmp)) {
                for (String file : lucene.listAll()) {
                    fs.copyFrom(lucene, file, file, IOContext.DEFAULT);
                }
                fs.sync(List.of(lucene.listAll()));
            }
            writeTerms(tmp.resolve(TERMS_FILE), terms, entries, docs);
            if (Files.exists(dir)) {
                deleteQuietly(dir);
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
            prune();
        } catch (IOException | RuntimeException e) {
            if (!Files.isDirectory(dir)) {
                LOG.warn("the KB index could not be kept in {} ({}): the next start builds it again", folder, e.toString());
            }
            deleteQuietly(tmp);
        }
    }

    private void prune() throws IOException {
        List<Path> copies;
        try (Stream<Path> s = Files.list(folder)) {
            copies = s.filter(Files::isDirectory).sorted(Comparator.comparing(IndexCache::modified).reversed()).toList();
        }
        for (int i = KEEP; i < copies.size(); i++) {
            deleteQuietly(copies.get(i));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover folder is pruned by the next write
        }
    }

    private static void writeTerms(Path file, List<EntryTerms> terms, List<Entry> entries, Docs docs) throws IOException {
        Map<String, Integer> ids = new HashMap<>();
        List<String> table = new ArrayList<>();
        for (EntryTerms t : terms) {
            for (String s : t.prose()) {
                id(s, ids, table);
            }
            for (String s : t.folded()) {
                id(s, ids, table);
            }
            t.title().forEach(s -> id(s, ids, table));
            for (String s : t.focus()) {
                id(s, ids, table);
            }
            t.wordings().forEach(w -> w.forEach(s -> id(s, ids, table)));
        }
        CheckedFile.write(file, out -> {
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            out.writeInt(table.size());
            for (String s : table) {
                CheckedFile.string(out, s);
            }
            for (int i = 0; i < terms.size(); i++) {
                EntryTerms t = terms.get(i);
                CheckedFile.string(out, entries.get(i).id());
                writeIds(out, List.of(t.prose()), ids);
                writeIds(out, List.of(t.folded()), ids);
                writeIds(out, t.title(), ids);
                writeIds(out, List.of(t.focus()), ids);
                out.writeInt(t.wordings().size());
                for (List<String> w : t.wordings()) {
                    writeIds(out, w, ids);
                }
            }
            out.writeInt(docs.ordinal().length);
            for (int doc = 0; doc < docs.ordinal().length; doc++) {
                out.writeInt(docs.ordinal()[doc]);
                out.writeBoolean(docs.wording()[doc]);
            }
        });
    }

    private static void id(String s, Map<String, Integer> ids, List<String> table) {
        if (ids.putIfAbsent(s, table.size()) == null) {
            table.add(s);
        }
    }

    private static void writeIds(DataOutputStream out, List<String> terms, Map<String, Integer> ids) throws IOException {
        out.writeInt(terms.size());
        for (String s : terms) {
            out.writeInt(ids.get(s));
        }
    }

    /** Reads the term sets into {@code out} and returns the documents' entries. */
    private static Docs readTerms(Path file, List<Entry> entries, List<EntryTerms> out) throws IOException {
        ByteBuffer in = CheckedFile.read(file);
        if (in.getInt() != FORMAT || in.getInt() != entries.size()) {
            throw new IOException("another format or KB");
        }
        int size = CheckedFile.count(in);
        String[] table = new String[size];
        for (int i = 0; i < size; i++) {
            table[i] = CheckedFile.string(in);
        }
        for (Entry entry : entries) {
            String id = CheckedFile.string(in);
            if (!id.equals(entry.id())) {
                throw new IOException("entry " + id + " where " + entry.id() + " was expected");
            }
            String[] prose = readIds(in, table);
            String[] folded = readIds(in, table);
            List<String> title = List.of(readIds(in, table));
            String[] focus = readIds(in, table);
            int n = CheckedFile.count(in);
            List<List<String>> wordings = new ArrayList<>(n);
            for (int w = 0; w < n; w++) {
                wordings.add(List.of(readIds(in, table)));
            }
            out.add(new EntryTerms(prose, folded, title, focus, wordings));
        }
        int docs = CheckedFile.count(in);
        int[] ordinal = new int[docs];
        boolean[] wording = new boolean[docs];
        for (int doc = 0; doc < docs; doc++) {
            ordinal[doc] = in.getInt();
            if (ordinal[doc] < 0 || ordinal[doc] >= entries.size()) {
                throw new IOException("damaged document list");
            }
            wording[doc] = in.get() != 0;
        }
        if (in.hasRemaining()) {
            throw new IOException("trailing bytes");
        }
        return new Docs(ordinal, wording);
    }

    private static String[] readIds(ByteBuffer in, String[] table) throws IOException {
        int n = in.getInt();
        if (n < 0 || n > table.length) {
            throw new IOException("damaged term list");
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            int id = in.getInt();
            if (id < 0 || id >= table.length) {
                throw new IOException("damaged term id");
            }
            out[i] = table[id];
        }
        return out;
    }

    /** Everything the analysis of {@code entries} depends on, hashed. */
    static String key(List<Entry> entries, EntryIndex analyzers) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(digest, "format " + FORMAT + " lucene " + Version.LATEST);
        // What the analyzers make of a text with every case they treat specially: a change to
        // the analysis of a release changes the key even if no one remembered the format number.
        String probe = "Bad Gateway’s “upstream” — time-out rn vv cl 0O1lI|5S$ 502 connect() failed (111: Connection "
                + "refused) while connecting to upstream, client: 203.0.113.7, FastCGI sent in stderr: \"Primary script "
                + "unknown\" on /var/run/php/php8.2-fpm.sock ÄÖÜ é ß 𝐀 WorkerTimeout GatewayTimeout it's the users'";
        for (String field : List.of(Schema.PROSE, Schema.CODE, Schema.OCR, Schema.TITLE)) {
            probe(digest, analyzers.analyzer, field, probe);
        }
        probe(digest, analyzers.words, "", probe);
        for (Entry e : entries) {
            update(digest, e.id());
            update(digest, e.title());
            update(digest, String.join("\u0001", e.tags()));
            update(digest, e.summary());
            update(digest, String.join("\u0001", e.variants()));
            for (Node n : e.flow().nodes().values()) {
                update(digest, n.id());
                update(digest, n.title());
                update(digest, n.text());
                for (Option o : n.options()) {
                    update(digest, o.label());
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    private static void update(MessageDigest digest, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (b.length >>> 24));
        digest.update((byte) (b.length >>> 16));
        digest.update((byte) (b.length >>> 8));
        digest.update((byte) b.length);
        digest.update(b);
    }

    private static void probe(MessageDigest digest, Analyzer analyzer, String field, String text) {
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                update(digest, term + "/" + inc.getPositionIncrement());
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An entry's title terms as a set again, in their order. */
    static Set<String> titleSet(List<String> title) {
        return new LinkedHashSet<>(title);
    }
}
