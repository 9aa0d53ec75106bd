package dev.gatewaydoctor.match;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

import java.io.Reader;
import java.util.regex.Pattern;

/**
 * The index schema in one place: field names, and the analyzer each field's text goes through,
 * used alike for indexing and for querying.
 *
 * <p>Two document kinds share the index: one <em>variant</em> document per wording users see
 * (short, so a pasted page that contains a wording scores it fully), and one <em>entry</em>
 * document per entry with its prose (title, summary, tags, node texts) for questions in users'
 * own words.
 */
final class Schema {

    /** Entry id, not analysed: grouping key for scores. */
    static final String ID = "id";
    /** {@code variant} or {@code entry}. */
    static final String KIND = "kind";
    static final String KIND_VARIANT = "variant";
    static final String KIND_ENTRY = "entry";

    /** A variant's wording, split on punctuation and case changes, numbers kept whole. */
    static final String CODE = "code";
    /** The same wording folded for OCR confusions and cut into character trigrams. */
    static final String OCR = "ocr";
    /** Stemmed prose: titles, summaries, node texts, tags and variants. */
    static final String PROSE = "prose";
    /** Title and tags, stemmed: short, so a hit here says a lot. */
    static final String TITLE = "title";

    private Schema() {}

    /** The analyzer for every field: one wrapper for indexing and querying. */
    static Analyzer analyzer() {
        return new PerFieldAnalyzerWrapper(new ProseAnalyzer(), Map.of(
                CODE, new CodeAnalyzer(),
                OCR, new OcrAnalyzer(true),
                PROSE, new ProseAnalyzer(),
                TITLE, new ProseAnalyzer()));
    }

    /** Typographic quotes and dashes as users' keyboards and OCR produce them, made plain. */
    static NormalizeCharMap punctuation() {
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

    private static final NormalizeCharMap PUNCTUATION = punctuation();

    /** An analyzer that first makes typographic quotes and dashes plain. */
    abstract static class PlainPunctuation extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(PUNCTUATION, reader);
        }
    }

    /**
     * Error wordings: status codes and errno numbers stay tokens ("502", "111"); "Time-out" gives
     * time, out and timeout; "BadGateway" gives bad, gateway and badgateway; "502.That's" gives 502
     * and that. Case is folded, accents removed. No stemming: wordings are matched as written.
     */
    static final class CodeAnalyzer extends PlainPunctuation {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new WhitespaceTokenizer();
            int flags = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
                    | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
                    | WordDelimiterGraphFilter.CATENATE_WORDS
                    | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
                    | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;
            TokenStream s = new WordDelimiterGraphFilter(source, flags, null);
            s = new LowerCaseFilter(s);
            s = new ASCIIFoldingFilter(s);
            return new TokenStreamComponents(source, s);
        }
    }

    /**
     * Users' own words: standard tokens, English stop words dropped, Porter-stemmed so that
     * "installed", "installing" and "install" meet. Typos are handled at query time by fuzzy terms.
     */
    static final class ProseAnalyzer extends PlainPunctuation {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new EnglishPossessiveFilter(source);
            s = new LowerCaseFilter(s);
            s = new ASCIIFoldingFilter(s);
            s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            s = new PorterStemFilter(s);
            return new TokenStreamComponents(source, s);
        }
    }

    /**
     * Screenshots read by OCR confuse look-alike characters and break or join words. Both sides
     * are folded to one spelling per look-alike group (0/O to o, 1/l/I/i/| to l, 5/S to s, rn to m,
     * vv to w, cl to d), hyphens inside words are dropped, everything else but letters and digits
     * becomes a space, and each word is cut
     * into character trigrams so that a broken or joined word still shares most of its grams.
     */
    static final class OcrAnalyzer extends Analyzer {
        private static final NormalizeCharMap FOLD = fold();
        /** Longest word kept: longer runs are ids, hashes and encoded blobs, not words. */
        static final int MAX_WORD = 64;
        private final boolean grams;
        private final int minLength;

        /** @param grams cut words into trigrams (the index field) or keep them whole (word checks) */
        OcrAnalyzer(boolean grams) {
            this(grams, 2);
        }

        /**
         * @param minLength shortest word kept: 2 for words (a single character means little), 1 for
         *     the pieces of words OCR broke apart ("c onnect")
         */
        OcrAnalyzer(boolean grams, int minLength) {
            this.grams = grams;
            this.minLength = minLength;
        }
        private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
        /** A hyphen inside a word joins it ("Time-out" reads as "timeout"), as people and OCR drop it freely. */
        private static final Pattern HYPHEN = Pattern.compile("(?<=\\p{L})-(?=\\p{L})");

        private static NormalizeCharMap fold() {
            NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
            String[][] groups = {
                {"o", "0", "O"},
                {"l", "1", "I", "i", "L", "|", "!"},
                {"s", "5", "S", "$"},
                {"m", "rn", "RN", "M"},
                {"w", "vv", "VV", "W"},
                {"d", "cl", "CL", "Cl", "D"},
                {"b", "8", "B"},
                {"z", "2", "Z"},
            };
            for (String[] group : groups) {
                for (int i = 1; i < group.length; i++) {
                    b.add(group[i], group[0]);
                }
            }
            return b.build();
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            Reader r = new MappingCharFilter(PUNCTUATION, reader);
            r = new PatternReplaceCharFilter(HYPHEN, "", r);
            r = new MappingCharFilter(FOLD, r);
            return new PatternReplaceCharFilter(NON_WORD, " ", r);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new WhitespaceTokenizer();
            TokenStream s = new LowerCaseFilter(source);
            s = new LengthFilter(s, minLength, MAX_WORD);
            if (grams) {
                s = grams(s);
            }
            return new TokenStreamComponents(source, s);
        }

        /** The trigram step of the index field, over the whole words of {@code words}. */
        static TokenStream grams(TokenStream words) {
            return new NGramTokenFilter(words, 3, 3, true);
        }
    }
}
