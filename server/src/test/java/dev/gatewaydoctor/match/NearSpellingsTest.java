package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class NearSpellingsTest {

    /**
     * For every word of every dev-set text (and each with a typo made in it), the near spellings
     * are exactly what Lucene's fuzzy terms enumeration finds over the prose field with the same
     * prefix, edit distance and transpositions.
     */
    @Test
    void near_spellings_are_what_lucenes_fuzzy_enumeration_finds() throws Exception {
        EntryIndex index = new EntryIndex(TestServer.bundledKb());
        var terms = MultiTerms.getTerms(index.searcher.getIndexReader(), Schema.PROSE);
        Set<String> words = new TreeSet<>();
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            for (String t : EntryIndex.terms(index.analyzer, Schema.PROSE, s.text())) {
                words.add(t);
                if (t.length() > 5) {
                    words.add(t.substring(0, 2) + t.charAt(3) + t.charAt(2) + t.substring(4)); // a transposition
                    words.add(t.substring(0, 3) + t.substring(4)); // a dropped letter
                }
            }
        }
        int checked = 0;
        int found = 0;
        for (String w : words) {
            if (w.length() < 5 || !w.chars().allMatch(Character::isLetter)) {
                continue;
            }
            FuzzyTermsEnum fuzzy = new FuzzyTermsEnum(terms, new Term(Schema.PROSE, w), EntryIndex.maxEdits(w), 1, true);
            List<String> expected = new ArrayList<>();
            for (BytesRef b = fuzzy.next(); b != null; b = fuzzy.next()) {
                expected.add(b.utf8ToString());
            }
            assertEquals(new HashSet<>(expected), new HashSet<>(index.nearTerms(w)), w);
            checked++;
            found += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(checked > 2000 && found > 500, checked + " words, " + found + " with near spellings");
    }

    @Test
    void distance_counts_each_edit_once_after_the_first_character() {
        int[] gateway = "gateway".codePoints().toArray();
        assertEquals(0, NearSpellings.distance(gateway, "gateway".codePoints().toArray(), 2));
        assertEquals(1, NearSpellings.distance(gateway, "gatewya".codePoints().toArray(), 2));
        assertEquals(1, NearSpellings.distance(gateway, "gatway".codePoints().toArray(), 2));
        assertEquals(2, NearSpellings.distance(gateway, "gtaewya".codePoints().toArray(), 2));
        assertEquals(2, NearSpellings.distance(gateway, "gxxeway".codePoints().toArray(), 1));
    }
}
