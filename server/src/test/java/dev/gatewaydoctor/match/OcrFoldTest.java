package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.kb.Entry;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.junit.jupiter.api.Test;

/**
 * The analyzers' text preparation ({@link Schema#plain}, {@link Schema.OcrAnalyzer#fold}) is the
 * chain of Lucene char filters it replaced, character for character: the reference below is that
 * chain as it was (mapping, pattern replace, mapping, pattern replace), run on every dev-set text,
 * every KB entry's prose and random texts built from the characters each step treats specially.
 */
class OcrFoldTest {

    private static NormalizeCharMap punctuation() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        for (String q : new String[] {"\u2018", "\u2019", "\u201B", "\u2032", "`", "\u00B4"}) {
            b.add(q, "'");
        }
        for (String q : new String[] {"\u201C", "\u201D", "\u201E", "\u2033"}) {
            b.add(q, "\"");
        }
        for (String d : new String[] {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212"}) {
            b.add(d, "-");
        }
        b.add("\u00A0", " ");
        return b.build();
    }

    private static NormalizeCharMap lookAlikes() {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        String[][] groups = {
            {"o", "0", "O"}, {"l", "1", "I", "i", "L", "|", "!"}, {"s", "5", "S", "$"}, {"m", "rn", "RN", "M"},
            {"w", "vv", "VV", "W"}, {"d", "cl", "CL", "Cl", "D"}, {"b", "8", "B"}, {"z", "2", "Z"},
        };
        for (String[] group : groups) {
            for (int i = 1; i < group.length; i++) {
                b.add(group[i], group[0]);
            }
        }
        return b.build();
    }

    private static final NormalizeCharMap PUNCTUATION = punctuation();
    private static final NormalizeCharMap LOOK_ALIKES = lookAlikes();

    private static String read(Reader r) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = r.read(); c != -1; c = r.read()) {
            sb.append((char) c);
        }
        return sb.toString();
    }

    private static String referencePlain(String text) throws IOException {
        return read(new MappingCharFilter(PUNCTUATION, new StringReader(text)));
    }

    private static String referenceFold(String text) throws IOException {
        Reader r = new MappingCharFilter(PUNCTUATION, new StringReader(text));
        r = new PatternReplaceCharFilter(Pattern.compile("(?<=\\p{L})-(?=\\p{L})"), "", r);
        r = new MappingCharFilter(LOOK_ALIKES, r);
        return read(new PatternReplaceCharFilter(Pattern.compile("[^\\p{L}\\p{N}]+"), " ", r));
    }

    private static List<String> texts() throws Exception {
        List<String> texts = new ArrayList<>();
        Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval"))).forEach(s -> texts.add(s.text()));
        for (Entry e : TestServer.bundledKb().list()) {
            texts.add(EntryIndex.proseOf(e));
        }
        // What each step treats specially, mixed at random: quotes, dashes, no-break spaces,
        // hyphens next to letters and not, look-alike pairs split and whole, digits of other
        // scripts, letters outside the BMP, lone surrogates, and runs of punctuation.
        String alphabet = "aAbBcClLrRnNvVmMiI0Oo1|!5S$8B2Z-\u2010\u2013\u2212\u2018\u201C`\u00B4\u00A0 \n\t.,;:/_"
                + "\u00E9\u00DF\u0661\u2163\u00BD\u0416\uD835\uDC00\uD800\u200B";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(24);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        return texts;
    }

    @Test
    void plain_punctuation_equals_the_mapping_filter() throws Exception {
        for (String text : texts()) {
            assertEquals(referencePlain(text), Schema.plain(text), text);
        }
    }

    @Test
    void ocr_folding_equals_the_char_filter_chain_it_replaced() throws Exception {
        int n = 0;
        for (String text : texts()) {
            assertEquals(referenceFold(text), Schema.OcrAnalyzer.fold(text), text);
            n++;
        }
        assertTrue(n > 20_900, "dev set, KB and random texts all compared");
    }
}
