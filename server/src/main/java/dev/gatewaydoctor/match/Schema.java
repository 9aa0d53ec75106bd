package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Glossary;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

import java.io.Reader;

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

    /** Typographic quotes and dashes as users' keyboards and OCR produce them, and what each is made. */
    private static final String SINGLE_QUOTES = "\u2018\u2019\u201B\u2032`\u00B4";
    private static final String DOUBLE_QUOTES = "\u201C\u201D\u201E\u2033";
    private static final String DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";

    /** One character made plain: each maps to one, so offsets into the text stay the same. */
    static char plainPunctuation(char c) {
        // Below the dashes only the backtick, the no-break space and the acute accent change:
        // letters, digits and ASCII punctuation leave at once.
        if (c < 0x2010 && c != '`' && c != '\u00A0' && c != '\u00B4') {
            return c;
        }
        if (c == '\u00A0') {
            return ' ';
        }
        if (SINGLE_QUOTES.indexOf(c) >= 0) {
            return '\'';
        }
        if (DOUBLE_QUOTES.indexOf(c) >= 0) {
            return '"';
        }
        return DASHES.indexOf(c) >= 0 ? '-' : c;
    }

    /** The whole of {@code reader} (analyzers read texts whole anyway). */
    static String readAll(Reader reader) {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[4096];
        try {
            for (int n = reader.read(buffer); n != -1; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return text.toString();
    }

    static String plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (plainPunctuation(c) != c) {
                // Copied only from the first character to change: most texts have none.
                char[] a = text.toCharArray();
                for (int j = i; j < a.length; j++) {
                    a[j] = plainPunctuation(a[j]);
                }
                return new String(a);
            }
        }
        return text;
    }

    /** An analyzer that first makes typographic quotes and dashes plain. */
    abstract static class PlainPunctuation extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new java.io.StringReader(plain(readAll(reader)));
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
     * The prose analyzer of the texts matched: the entries' own, with the KB's glossary applied
     * before stop words and stems (a glossary maps customers' words to the entries' words), or the
     * entries' own when the KB has no glossary.
     */
    static Analyzer queryProse(Optional<SynonymMap> glossary) {
        return glossary.<Analyzer>map(ProseAnalyzer::new).orElseGet(ProseAnalyzer::new);
    }

    /**
     * Users' own words: standard tokens, English stop words dropped, Porter-stemmed so that
     * "installed", "installing" and "install" meet. Typos are handled at query time by fuzzy terms.
     */
    static final class ProseAnalyzer extends PlainPunctuation {
        private final SynonymMap glossary;

        ProseAnalyzer() {
            this.glossary = null;
        }

        /** Applying {@code glossary} after accents are folded (see {@link Glossary}). */
        ProseAnalyzer(SynonymMap glossary) {
            this.glossary = glossary;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new EnglishPossessiveFilter(source);
            s = new LowerCaseFilter(s);
            s = new ASCIIFoldingFilter(s);
            if (glossary != null) {
                s = new SynonymGraphFilter(Glossary.beforeRules(s), glossary, true);
            }
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

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new java.io.StringReader(fold(readAll(reader)));
        }

        /**
         * The text as the tokenizer sees it: typographic punctuation made plain, hyphens between
         * letters dropped, look-alikes folded (the longest look-alike at each place, as Lucene's
         * mapping filter chooses), and every run of characters that are neither letters nor digits
         * made one space. The same as the chain of Lucene char filters it replaces (mapping, pattern
         * replace, mapping, pattern replace; {@code OcrFoldTest} compares them), in one pass per
         * step over a char array instead of a map lookup per character: these words are cut from
         * every text matched and every entry indexed.
         */
        static String fold(CharSequence input) {
            int n = input.length();
            char[] plain = new char[n];
            for (int i = 0; i < n; i++) {
                plain[i] = plainPunctuation(input.charAt(i));
            }
            // Hyphens between two letters go, judged on the plain text on both sides as the
            // pattern's lookarounds judge it: the one behind sees one char (a letter outside the
            // BMP is two, neither a letter), the one ahead a whole code point.
            char[] joined = new char[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                char c = plain[i];
                if (c == '-' && i > 0 && i + 1 < n
                        && Character.isLetter(plain[i - 1])
                        && Character.isLetter(Character.codePointAt(plain, i + 1))) {
                    continue;
                }
                joined[m++] = c;
            }
            char[] folded = new char[m];
            int f = 0;
            for (int i = 0; i < m; i++) {
                char c = joined[i];
                if (i + 1 < m && c < FOLD_PAIRS.length && FOLD_PAIRS[c] != null) {
                    char next = joined[i + 1];
                    char pair = next < FOLD_PAIRS[c].length ? FOLD_PAIRS[c][next] : 0;
                    if (pair != 0) {
                        folded[f++] = pair;
                        i++;
                        continue;
                    }
                }
                folded[f++] = c < FOLD_SINGLE.length && FOLD_SINGLE[c] != 0 ? FOLD_SINGLE[c] : c;
            }
            StringBuilder out = new StringBuilder(f);
            boolean gap = false;
            for (int i = 0; i < f; ) {
                int cp = Character.codePointAt(folded, i, f);
                int len = Character.charCount(cp);
                if (isWordChar(cp)) {
                    if (gap) {
                        out.append(' ');
                        gap = false;
                    }
                    out.append(folded, i, len);
                } else {
                    gap = true;
                }
                i += len;
            }
            if (gap) {
                out.append(' ');
            }
            return out.toString();
        }

        /** {@code \p{L}} or {@code \p{N}}, as the pattern it replaces reads them. */
        private static boolean isWordChar(int cp) {
            if (cp < 0x80) {
                return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
            }
            if (Character.isLetter(cp)) {
                return true;
            }
            int type = Character.getType(cp);
            return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
        }

        /** The look-alike groups: the first spelling of each stands for the others. */
        private static final String[][] GROUPS = {
            {"o", "0", "O"},
            {"l", "1", "I", "i", "L", "|", "!"},
            {"s", "5", "S", "$"},
            {"m", "rn", "RN", "M"},
            {"w", "vv", "VV", "W"},
            {"d", "cl", "CL", "Cl", "D"},
            {"b", "8", "B"},
            {"z", "2", "Z"},
        };
        private static final char[] FOLD_SINGLE = new char[128];
        /** By first character, then second: what the pair folds to (0 for none). Arrays, not a map of boxed keys: this runs on every character of every text. */
        private static final char[][] FOLD_PAIRS = new char[128][];

        static {
            for (String[] group : GROUPS) {
                for (int i = 1; i < group.length; i++) {
                    String k = group[i];
                    if (k.length() == 1) {
                        FOLD_SINGLE[k.charAt(0)] = group[0].charAt(0);
                    } else {
                        char[] second = FOLD_PAIRS[k.charAt(0)];
                        if (second == null) {
                            second = FOLD_PAIRS[k.charAt(0)] = new char[128];
                        }
                        second[k.charAt(1)] = group[0].charAt(0);
                    }
                }
            }
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
