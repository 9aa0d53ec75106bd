package dev.gatewaydoctor.match;

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
 */
record Query(PastedText pasted, String visible, String evidenceText, String foldedEvidence, Set<Integer> codes,
             Set<String> words, Set<String> code, Set<String> ocr, Set<String> title, Set<String> prose,
             Map<String, Double> weightedProse, Map<String, Set<String>> foldedProse, Map<String, List<String>> near) {

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
        return new Query(pasted, visible, evidenceText, CompiledEvidence.fold(evidenceText), Matcher.statusCodes(visible),
                EntryIndex.terms(index.words, visible),
                EntryIndex.terms(index.analyzer, Schema.CODE, visible),
                EntryIndex.terms(index.analyzer, Schema.OCR, visible),
                EntryIndex.terms(index.analyzer, Schema.TITLE, visible),
                prose, weighted, folded, near);
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
