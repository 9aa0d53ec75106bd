package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class QueryTest {

    /**
     * The prose terms, and the derived title and OCR terms, are, in order, what analysing the text
     * for those fields gives (prose and title as the texts matched are: with the KB's glossary).
     */
    @Test
    void derived_field_terms_equal_the_fields_own_analysis() throws Exception {
        EntryIndex index = new EntryIndex(TestServer.bundledKb());
        int n = 0;
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            Query q = Query.of(s.text(), index);
            assertEquals(new ArrayList<>(EntryIndex.terms(index.analyzer, Schema.OCR, q.visible())), new ArrayList<>(q.ocr()), s.id());
            assertEquals(new ArrayList<>(EntryIndex.terms(index.queryProse, Schema.TITLE, q.visible())), new ArrayList<>(q.title()), s.id());
            assertEquals(new ArrayList<>(EntryIndex.terms(index.queryProse, Schema.PROSE, q.visible())), new ArrayList<>(q.prose()), s.id());
            n++;
        }
        assertEquals(true, n > 900);
    }

    /**
     * The code terms, the folded words (with what the index knows of each) and the joined wording
     * words, taken run by run between whitespace, are what analysing the whole text gives: on every
     * dev-set text and on texts made to trip the cut (every kind of whitespace and typographic
     * punctuation, look-alike pairs and hyphens at a run's edge, runs past the memo's length and
     * the tokenizer's 255 characters, characters outside the Basic Multilingual Plane).
     */
    @Test
    void run_by_run_terms_equal_the_whole_texts_analysis() throws Exception {
        EntryIndex index = new EntryIndex(TestServer.bundledKb());
        java.util.List<String> texts = new ArrayList<>();
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            texts.add(s.text());
        }
        String[] pieces = {"up", "stream", "502", "Bad", "Gate-way", "rn", "cl", "-", "\u2014", "\u00A0", "\u2009", "\u3000",
            "\t", "\n", "\r\n", " ", "time-", "-out", "\uD83D\uDE00", "\u00E9t\u00E9", "x".repeat(300), "ab".repeat(40),
            "BadGateway", "502.That's", "connect()", "l1I|", "vv", "\u2018q\u2019", "up\u00ADstream", "0O", "con:nection"};
        java.util.Random random = new java.util.Random(7);
        for (int t = 0; t < 3000; t++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            texts.add(sb.toString());
        }
        for (String text : texts) {
            Query q = Query.of(text, index);
            assertEquals(new ArrayList<>(EntryIndex.terms(index.analyzer, Schema.CODE, q.visible())), new ArrayList<>(q.code()), text);
            java.util.List<String> words = new ArrayList<>(EntryIndex.terms(index.words, q.visible()));
            assertEquals(words, new ArrayList<>(q.words()), text);
            for (int i = 0; i < words.size(); i++) {
                EntryIndex.FoldedWord expected = index.foldedWord(words.get(i));
                EntryIndex.FoldedWord got = q.foldedWords()[i];
                assertEquals(expected.wording(), got.wording(), text);
                assertEquals(java.util.Arrays.toString(expected.nearWordings()), java.util.Arrays.toString(got.nearWordings()), text);
                assertEquals(java.util.Arrays.stream(expected.grams()).map(EntryIndex.TermScores::ordinal).toList(),
                        java.util.Arrays.stream(got.grams()).map(EntryIndex.TermScores::ordinal).toList(), text);
            }
            java.util.Set<String> joined = new java.util.LinkedHashSet<>();
            String previous = null;
            for (String w : allTerms(index.pieces, q.visible())) {
                if (previous != null && index.wordingWords.containsKey(previous + w)) {
                    joined.add(previous + w);
                }
                previous = w;
            }
            assertEquals(new ArrayList<>(joined), new ArrayList<>(q.joined()), text);
        }
    }

    /** Every term {@code analyzer} makes of {@code text}, repeats included. */
    private static java.util.List<String> allTerms(org.apache.lucene.analysis.Analyzer analyzer, String text) throws Exception {
        java.util.List<String> out = new ArrayList<>();
        try (var ts = analyzer.tokenStream("", text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    /** Every character of the Basic Multilingual Plane is made plain as the punctuation table says, and only those change. */
    @Test
    void only_typographic_quotes_dashes_and_the_no_break_space_are_made_plain() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            char expected = "\u2018\u2019\u201B\u2032`\u00B4".indexOf(c) >= 0 ? '\''
                    : "\u201C\u201D\u201E\u2033".indexOf(c) >= 0 ? '"'
                    : "\u2010\u2011\u2012\u2013\u2014\u2015\u2212".indexOf(c) >= 0 ? '-'
                    : c == '\u00A0' ? ' ' : c;
            assertEquals(expected, Schema.plainPunctuation(c), "U+" + Integer.toHexString(c));
        }
    }

    /**
     * The paragraphs' terms and those of the lines without setup, found from one pass's offsets,
     * are what analysing each line gives. Without the glossary: one of its phrases may span a line
     * break in the whole text, which a line alone cannot show.
     */
    @Test
    void paragraph_and_quiet_terms_equal_the_lines_own_analysis() throws Exception {
        dev.gatewaydoctor.kb.Kb bundled = TestServer.bundledKb();
        EntryIndex index = new EntryIndex(new dev.gatewaydoctor.kb.Kb(bundled.entries(), bundled.warnings(), bundled.translations()));
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            Query q = Query.of(s.text(), index);
            java.util.List<String> terms = java.util.List.of(q.terms());
            java.util.List<java.util.List<Integer>> paragraphs = new ArrayList<>();
            java.util.Set<String> quiet = new java.util.LinkedHashSet<>();
            var shape = TextShape.of(q.visible());
            for (TextShape.Paragraph p : shape.paragraphs()) {
                java.util.Set<String> in = new java.util.LinkedHashSet<>();
                for (int i = 0; i < p.lines().size(); i++) {
                    var line = EntryIndex.terms(index.analyzer, Schema.PROSE, p.lines().get(i));
                    in.addAll(line);
                    if (!p.setup(i)) {
                        quiet.addAll(line);
                    }
                }
                paragraphs.add(positions(in, terms));
            }
            assertEquals(positions(quiet, terms), ints(q.withoutSetup().at()), s.id());
            assertEquals(paragraphs.size() > 1 ? paragraphs : java.util.List.of(),
                    q.paragraphs().stream().map(p -> ints(p.at())).toList(), s.id());
        }
    }

    private static java.util.List<Integer> positions(java.util.Set<String> set, java.util.List<String> terms) {
        return set.stream().map(terms::indexOf).filter(i -> i >= 0).toList();
    }

    private static java.util.List<Integer> ints(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
