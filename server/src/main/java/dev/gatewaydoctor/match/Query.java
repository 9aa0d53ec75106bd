package dev.gatewaydoctor.match;

import dev.gatewaydoctor.regex.RequiredLiterals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A text made ready for every stage of matching, each field's analysis done once: the visible
 * text, the text evidence looks at (and its case-folded form for the literal prefilter), the status
 * codes it names, its terms per index field, and its prose terms with their rarity and OCR-folded
 * forms.
 *
 * @param prose distinct prose terms in text order (stemmed), as Lucene's prose field has them
 * @param weightedProse the first {@value #MAX_PROSE} prose terms, each weighted by its rarity across
 *     entries (unknown words weigh most)
 * @param known what the index knows of each weighted prose term (its folded words, near spellings,
 *     scores and entry lists), in the order of {@code terms}
 * @param paragraphs each paragraph's weighted prose terms (see {@link TextShape}), for texts of two
 *     paragraphs or more (else empty)
 * @param withoutSetup the weighted prose terms of the text without its configuration and
 *     stack-frame lines: what the person says and what the programs logged
 * @param terms the weighted prose terms in text order, as {@link Part}s and {@link TermHits} number them
 * @param all every weighted prose term
 * @param words the text's distinct OCR-folded words, in order
 * @param foldedWords what the index knows of each of {@code words}, in their order
 * @param joined wording words the text has only broken in two ("upstre am", "con:nection"): two
 *     adjacent folded words whose concatenation is a word of some wording
 * @param seen the KB's evidence and look-alike patterns' answers for {@code evidenceText}, each
 *     computed when first asked for: a query is scored on one thread
 */
record Query(PastedText pasted, String visible, String evidenceText, String foldedEvidence, Set<Integer> codes,
             Set<String> words, EntryIndex.FoldedWord[] foldedWords, Set<String> joined, Set<String> code, Set<String> title, Set<String> prose,
             Map<String, Double> weightedProse, EntryIndex.ProseTerm[] known,
             List<Part> paragraphs, Part withoutSetup, String[] terms, Part all, Patterns.Seen seen) {

    /**
     * Some of the weighted prose terms: their positions in {@link #terms} and their weights, in
     * text order (sums over a part add up in the same order as over the maps they come from).
     */
    record Part(int[] at, double[] weights) {
        double mass() {
            double m = 0;
            for (double v : weights) {
                m += v;
            }
            return m;
        }
    }

    static final int MAX_PROSE = 400;
    /** Longer than any term the analyzers emit (Lucene's standard tokenizer cuts at 255). */
    static final int MAX_TERM = 256;

    static Query of(String text, EntryIndex index) {
        PastedText pasted = PastedText.of(text);
        String visible = pasted.visible();
        String evidenceText = pasted.forEvidence();
        // Prose is analysed once, as one text: no token spans a line break, so each token's
        // offset tells its line, and each paragraph's terms and those of the lines without setup
        // are collected in the same pass (in the order analysing them line by line gives).
        TextShape shape = TextShape.of(visible);
        // Sized for the text at the start (about one term per six characters): growing them
        // rehashed every term several times.
        int expected = Math.min(4096, visible.length() / 6 + 16);
        Set<String> prose = new LinkedHashSet<>(expected);
        Set<String> quiet = new LinkedHashSet<>(expected);
        List<Set<String>> paragraphTerms = new ArrayList<>();
        for (int i = 0; i < shape.paragraphs().size(); i++) {
            paragraphTerms.add(new LinkedHashSet<>());
        }
        Lines lines = Lines.of(visible, shape);
        try (org.apache.lucene.analysis.TokenStream ts = index.queryProse.tokenStream(Schema.PROSE, visible)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            var offset = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                int line = lines.at(offset.startOffset());
                int paragraph = lines.paragraph[line];
                if (paragraph < 0) {
                    continue; // a blank line is no paragraph's (it holds no token either)
                }
                String t = term.toString();
                prose.add(t);
                paragraphTerms.get(paragraph).add(t);
                if (!lines.setup[line]) {
                    quiet.add(t);
                }
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int weightedSize = Math.min(prose.size(), MAX_PROSE);
        Map<String, Double> weighted = new LinkedHashMap<>(weightedSize * 4 / 3 + 1);
        List<EntryIndex.ProseTerm> known = new ArrayList<>(weightedSize);
        int n = index.size();
        for (String t : prose) {
            if (weighted.size() >= MAX_PROSE) {
                break;
            }
            EntryIndex.ProseTerm k = index.proseTerm(t);
            weighted.put(t, Math.log(1 + (double) n / (k.docFreq() + 1)));
            known.add(k);
        }
        String[] terms = weighted.keySet().toArray(String[]::new);
        Map<String, Integer> position = new java.util.HashMap<>(terms.length * 4 / 3 + 1);
        for (int i = 0; i < terms.length; i++) {
            position.put(terms[i], i);
        }
        List<Part> paragraphs = new ArrayList<>();
        if (paragraphTerms.size() > 1) {
            for (Set<String> p : paragraphTerms) {
                paragraphs.add(part(p, weighted, position));
            }
        }
        Part withoutSetup = part(quiet, weighted, position);
        int[] every = new int[terms.length];
        double[] weights = new double[terms.length];
        for (int i = 0; i < terms.length; i++) {
            every[i] = i;
            weights[i] = weighted.get(terms[i]);
        }
        Set<String> words = new LinkedHashSet<>(expected);
        List<EntryIndex.FoldedWord> folded = new ArrayList<>(expected);
        Set<String> joined = new LinkedHashSet<>();
        Set<String> code = new LinkedHashSet<>(expected);
        runs(index, visible, code, words, folded, joined);
        // The title field is analysed as prose is, and the OCR field's grams are those of the
        // folded words: both are derived rather than analysed again (QueryTest checks they are equal).
        String foldedEvidence = RequiredLiterals.fold(evidenceText);
        return new Query(pasted, visible, evidenceText, foldedEvidence, Matcher.statusCodes(visible),
                words, folded.toArray(EntryIndex.FoldedWord[]::new), joined, code, prose,
                prose, weighted, known.toArray(EntryIndex.ProseTerm[]::new), List.copyOf(paragraphs), withoutSetup, terms, new Part(every, weights),
                index.patterns.in(evidenceText, foldedEvidence));
    }

    /**
     * The lines of a text as {@link TextShape} cuts it (at every line break, blank lines ending
     * paragraphs): where each starts, its paragraph ({@code -1} for a blank line) and whether it is
     * set-up.
     */
    private record Lines(int[] start, int[] paragraph, boolean[] setup) {
        private static final java.util.regex.Pattern BREAK = java.util.regex.Pattern.compile("\\R");

        static Lines of(String text, TextShape shape) {
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            var m = BREAK.matcher(text);
            while (m.find()) {
                starts.add(m.end());
            }
            int n = starts.size();
            int[] start = new int[n];
            int[] paragraph = new int[n];
            boolean[] setup = new boolean[n];
            int p = 0;
            int inParagraph = 0;
            for (int k = 0; k < n; k++) {
                start[k] = starts.get(k);
                String line = text.substring(start[k], k + 1 < n ? lineEnd(text, starts.get(k + 1)) : text.length());
                if (line.isBlank()) {
                    if (inParagraph > 0) {
                        p++;
                        inParagraph = 0;
                    }
                    paragraph[k] = -1;
                    continue;
                }
                paragraph[k] = p;
                setup[k] = shape.paragraphs().get(p).setup(inParagraph++);
            }
            return new Lines(start, paragraph, setup);
        }

        /** Where the line ends whose break ends just before {@code next} (a break is one or two characters). */
        private static int lineEnd(String text, int next) {
            return next >= 2 && text.charAt(next - 2) == '\r' && text.charAt(next - 1) == '\n' ? next - 2 : next - 1;
        }

        /** The line holding offset {@code at}. */
        int at(int at) {
            int i = java.util.Arrays.binarySearch(start, at);
            return i >= 0 ? i : -i - 2;
        }
    }

    /**
     * The code field's terms of {@code text} into {@code code}, its folded words into {@code words}
     * with what the index knows of each into {@code folded} (as {@link EntryIndex#terms} gives
     * them), and, in the same pass, into {@code joined} the wording words that two adjacent pieces
     * make together: OCR breaks words at a stray space or symbol, and a known wording should still
     * be recognised when one of its words is read in two pieces.
     *
     * <p>Both analyzers cut the text at whitespace (as {@link Character#isWhitespace} tells it,
     * after typographic punctuation is made plain) before anything else, and neither looks across
     * a cut: the code field splits each run on its own, and OCR folding never joins or folds a
     * character with a whitespace neighbour. So the text's terms are its runs' terms in order, and
     * each run is analysed once for every text it appears in ({@link EntryIndex#run}).
     */
    private static void runs(EntryIndex index, String text, Set<String> code, Set<String> words,
                             List<EntryIndex.FoldedWord> folded, Set<String> joined) {
        String plain = Schema.plain(text);
        String previous = null;
        int n = plain.length();
        for (int i = 0; i < n; ) {
            int cp = plain.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = plain.codePointAt(i);
                if (Character.isWhitespace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            EntryIndex.Run run = index.run(plain.substring(start, i));
            java.util.Collections.addAll(code, run.code());
            String[] pieces = run.pieces();
            for (int k = 0; k < pieces.length; k++) {
                String w = pieces[k];
                // Single characters are kept for joining ("health y"), never as words of their own.
                if (w.length() >= 2 && words.add(w)) {
                    folded.add(run.folded()[k]);
                }
                if (previous != null && index.wordingWords.containsKey(previous + w)) {
                    joined.add(previous + w);
                }
                previous = w;
            }
        }
    }

    /**
     * The OCR field's terms of the text, derived from its folded words (candidate generation looks
     * them up word by word, see {@link EntryIndex#foldedWord}).
     */
    Set<String> ocr() {
        return trigrams(words);
    }

    /**
     * The OCR field's terms of a text whose folded words are {@code words}: each word's character
     * trigrams in order, and the word itself when it is shorter or longer than a trigram, as
     * Lucene's n-gram filter with the original kept emits them.
     */
    static Set<String> trigrams(java.util.Collection<String> words) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String w : words) {
            int length = w.codePointCount(0, w.length());
            if (length >= 3) {
                for (int start = 0, cp = 0; cp + 3 <= length; cp++) {
                    int end = w.offsetByCodePoints(start, 3);
                    out.add(w.substring(start, end));
                    start = w.offsetByCodePoints(start, 1);
                }
            }
            if (length != 3) {
                out.add(w);
            }
        }
        return out;
    }

    /** {@code terms} with their weights in {@code all} (terms past the first {@value #MAX_PROSE} are left out). */
    private static Part part(Set<String> terms, Map<String, Double> all, Map<String, Integer> position) {
        int[] at = new int[terms.size()];
        double[] w = new double[terms.size()];
        int n = 0;
        for (String t : terms) {
            Integer i = position.get(t);
            if (i != null) {
                at[n] = i;
                w[n++] = all.get(t);
            }
        }
        return new Part(java.util.Arrays.copyOf(at, n), java.util.Arrays.copyOf(w, n));
    }

    /** Whether weighted prose term {@code i} or one of its near spellings is in {@code vocabulary}. */
    boolean knownIn(int i, TermSet vocabulary) {
        if (vocabulary.contains(terms[i])) {
            return true;
        }
        for (String n : known[i].near()) {
            if (vocabulary.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** What the index knows of prose term {@code t}, the {@code i}th of {@link #prose}: kept for the weighted ones. */
    EntryIndex.ProseTerm known(int i, String t, EntryIndex index) {
        return i < known.length ? known[i] : index.proseTerm(t);
    }
}
