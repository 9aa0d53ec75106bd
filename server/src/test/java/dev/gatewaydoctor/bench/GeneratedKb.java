package dev.gatewaydoctor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A synthetic KB of realistic size written as Markdown files, so that the same KB serves the
 * in-process bench (loaded through {@code KbLoader}) and a server started on it (its start-up is
 * timed from files: parsing and validation count). Each entry has 5 wordings, 2 evidence patterns
 * and 4 nodes with prose, built from a random vocabulary of 5,000 words.
 *
 * <p>As a main: {@code GeneratedKb DIR [COUNT]} writes COUNT entries (10,000 by default) into DIR.
 */
public final class GeneratedKb {

    private GeneratedKb() {}

    public static void main(String[] args) {
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 10_000, new Random(42));
    }

    public static void write(Path dir, int count, Random random) {
        String[] vocabulary = vocabulary(random);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < count; i++) {
                String id = "gen-" + i;
                Files.writeString(dir.resolve(id + ".md"), entry(id, vocabulary, random), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String entry(String id, String[] vocabulary, Random random) {
        StringBuilder md = new StringBuilder("---\n");
        md.append("id: ").append(id).append('\n');
        md.append("title: ").append(words(vocabulary, random, 5)).append('\n');
        md.append("codes: [").append(400 + random.nextInt(200)).append("]\n");
        md.append("variants:\n");
        for (int v = 0; v < 5; v++) {
            md.append("  - \"").append(400 + random.nextInt(200)).append(' ')
                    .append(words(vocabulary, random, 4 + random.nextInt(8))).append("\"\n");
        }
        md.append("audience: [site-owner]\n");
        md.append("tags: [").append(vocabulary[random.nextInt(vocabulary.length)]).append("]\n");
        md.append("evidence:\n");
        md.append("  - label: a phrase\n    pattern: '").append(words(vocabulary, random, 2)).append("'\n");
        md.append("  - label: a word and a status code\n    pattern: '\\b")
                .append(vocabulary[random.nextInt(vocabulary.length)]).append("\\s+\\d{3}\\b'\n");
        md.append("---\n\n# ").append(words(vocabulary, random, 5)).append("\n\n")
                .append(words(vocabulary, random, 50)).append("\n\n");
        md.append("## <a id=\"q\"></a>").append(words(vocabulary, random, 5)).append("?\n\n")
                .append(words(vocabulary, random, 40)).append("\n\n- [Yes](#a)\n- [No](#b)\n\n");
        md.append("## <a id=\"a\"></a>").append(words(vocabulary, random, 4)).append("\n\n")
                .append(words(vocabulary, random, 60)).append("\n\n");
        md.append("## <a id=\"b\"></a>").append(words(vocabulary, random, 5)).append("?\n\n")
                .append(words(vocabulary, random, 30)).append("\n\n- [Try this](#c)\n\n");
        md.append("## <a id=\"c\"></a>").append(words(vocabulary, random, 4)).append("\n\n")
                .append(words(vocabulary, random, 60)).append('\n');
        return md.toString();
    }

    /** 5,000 random words of 3 to 10 letters: the generated KBs' vocabulary (the same for the same seed). */
    static String[] vocabulary(Random random) {
        String[] vocabulary = new String[5000];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 3 + random.nextInt(8);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            vocabulary[i] = w.toString();
        }
        return vocabulary;
    }

    /** {@code n} words of {@code vocabulary} drawn at random, separated by spaces. */
    static String words(String[] vocabulary, Random random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(vocabulary[random.nextInt(vocabulary.length)]);
        }
        return sb.toString();
    }
}
