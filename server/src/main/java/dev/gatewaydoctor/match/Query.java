package dev.gatewaydoctor.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * @param foldedProse each weighted prose term's OCR-folded words
 * @param near each weighted prose term's near spellings in the KB (empty for most)
 * @param paragraphs each paragraph's weighted prose terms (see {@link TextShape}), for texts of two
 *     paragraphs or more (else empty)
 * @param withoutSetup the weighted prose terms of the text without its configuration and
 *     stack-frame lines: what the person says and what the programs logged
 */
record Query(PastedText pasted, String visible, String evidenceText, String foldedEvidence, Set<Integer> codes,
             Set<String> words, Set<String> code, Set<String> ocr, Set<String> title, Set<String> prose,
             Map<String, Double> weightedProse, Map<String, Set<String>> foldedProse, Map<String, List<String>> near,
             List<Map<String, Double>> paragraphs, Map<String, Double> withoutSetup) {

    static final int MAX_PROSE = 400;

    static Query of(String text, EntryIndex index) {
        PastedText pasted = PastedText.of(text);
        String visible = pasted.visible();
        String evidenceText = pasted.forEvidence();
        Set<String> prose = EntryIndex.terms(index.analyzer, Schema.PROSE, visible);
        Map<String, Double> weighted = new LinkedHashMap<>();
        Map<String, Set<String>> folded = new LinkedHashMap<>();
        Map<String, List<String>> near = new LinkedHashMap<>();
        int n = index.size();
        for (String t : prose) {
            if (weighted.size() >= MAX_PROSE) {
                break;
            }
            int df = index.docFreq(Schema.PROSE, t);
            weighted.put(t, Math.log(1 + (double) n / (df + 1)));
            folded.put(t, EntryIndex.terms(index.words, t));
            near.put(t, index.nearTerms(t));
        }
        TextShape shape = TextShape.of(visible);
        List<Map<String, Double>> paragraphs = new ArrayList<>();
        if (shape.paragraphs().size() > 1) {
            for (TextShape.Paragraph p : shape.paragraphs()) {
                paragraphs.add(weighted(EntryIndex.terms(index.analyzer, Schema.PROSE, p.text()), weighted));
            }
        }
        Map<String, Double> withoutSetup = weighted(EntryIndex.terms(index.analyzer, Schema.PROSE, shape.withoutSetup()), weighted);
        return new Query(pasted, visible, evidenceText, CompiledEvidence.fold(evidenceText), Matcher.statusCodes(visible),
                EntryIndex.terms(index.words, visible),
                EntryIndex.terms(index.analyzer, Schema.CODE, visible),
                EntryIndex.terms(index.analyzer, Schema.OCR, visible),
                EntryIndex.terms(index.analyzer, Schema.TITLE, visible),
                prose, weighted, folded, near, List.copyOf(paragraphs), withoutSetup);
    }

    /** {@code terms} with their weights in {@code all} (terms past the first {@value #MAX_PROSE} are left out). */
    private static Map<String, Double> weighted(Set<String> terms, Map<String, Double> all) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String t : terms) {
            Double w = all.get(t);
            if (w != null) {
                out.put(t, w);
            }
        }
        return out;
    }

    /** Whether {@code term} (a weighted prose term) or one of its near spellings is in {@code vocabulary}. */
    boolean knownIn(String term, TermSet vocabulary) {
        if (vocabulary.contains(term)) {
            return true;
        }
        for (String n : near.getOrDefault(term, List.of())) {
            if (vocabulary.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
