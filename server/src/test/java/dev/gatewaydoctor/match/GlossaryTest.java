package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KB's glossary maps customers' words to the entries' words in the texts matched, so a report
 * in another language meets entries written in English; the entries themselves are untouched.
 */
class GlossaryTest {

    static final Path KB = Path.of("server/src/test/resources/kb-glossary");
    static final String FRENCH = "Depuis ce matin le disque est plein, plus rien ne s'enregistre";

    @Test
    void a_text_in_the_glossary_language_gets_the_entries_words() throws Exception {
        EntryIndex index = new EntryIndex(KbLoader.load(List.of(KB)));
        Query q = Query.of("Le disque est PLEIN et l'hébergement très lent", index);
        assertTrue(q.prose().containsAll(List.of("disk", "full", "slow")), q.prose().toString());
        assertFalse(q.prose().contains("disqu"), "a word the glossary maps is replaced: " + q.prose());
    }

    @Test
    void the_glossary_finds_the_entry_that_the_same_entries_without_it_do_not(@TempDir Path plain) throws Exception {
        for (String f : List.of("disk-full.md", "upstream-timeout.md")) {
            Files.copy(KB.resolve(f), plain.resolve(f));
        }
        Match without = Matcher.build(KbLoader.load(List.of(plain))).match(FRENCH, 3);
        assertTrue(without.results().stream().noneMatch(r -> r.id().equals("disk-full")) || !without.matched(),
                "without the glossary the French words meet nothing: " + without);
        Match with = Matcher.build(KbLoader.load(List.of(KB))).match(FRENCH, 3);
        assertEquals("disk-full", with.results().get(0).id(), with.toString());
    }

    @Test
    void english_text_is_analysed_as_without_a_glossary() throws Exception {
        EntryIndex withGlossary = new EntryIndex(KbLoader.load(List.of(KB)));
        String english = "The disk of the web server is full and the pages are slow since the update";
        assertEquals(EntryIndex.terms(withGlossary.analyzer, Schema.PROSE, english), Query.of(english, withGlossary).prose());
    }
}
