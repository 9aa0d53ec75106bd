package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wording signal on screenshots' text: OCR misreads a letter that folding does not cover, or
 * breaks a word in two, and a known wording must still be recognised. On a KB of another domain,
 * so nothing here depends on what the bundled entries say.
 */
class WordingSignalTest {

    static EntryIndex index;

    @BeforeAll
    static void build() throws Exception {
        index = new EntryIndex(KbLoader.load(List.of(Path.of("server/src/test/resources/kb-mail"))));
    }

    static double wording(String text, String entry) {
        Query q = Query.of(text, index);
        return WordingSignal.best(WordingSignal.present(q, index), index.profiles.get(entry));
    }

    static java.util.Set<String> folded(String words) {
        return EntryIndex.terms(index.words, words);
    }

    @Test
    void a_wording_read_with_slips_in_its_longer_words_still_counts() {
        double clean = wording("The email account that you tried to reach is over quota", "mailbox-full");
        double misread = wording("The emall accoumt that you tricd to reacb is over quofa", "mailbox-full");
        assertTrue(clean > 0, "clean wording scored " + clean);
        assertEquals(clean, misread, 1e-9);
    }

    @Test
    void a_word_broken_in_two_is_read_back_from_its_pieces() {
        Query q = Query.of("Quota exceeded (mail box for user is fu ll)", index);
        // Words are compared folded (OCR look-alikes as one spelling: "mailbox" is "mallbox").
        assertTrue(q.joined().containsAll(folded("mailbox full")), q.joined().toString());
        assertEquals(wording("Quota exceeded (mailbox for user is full)", "mailbox-full"),
                wording("Quota exceeded (mail box for user is fu ll)", "mailbox-full"), 1e-9);
        // A single character is a piece to join, never a word of its own.
        assertEquals(folded("mail"), Query.of("e mail", index).words());
    }

    @Test
    void words_the_wordings_have_numbers_and_short_words_are_taken_as_written() {
        assertEquals(List.of(), index.nearWordingWords("quota"));
        assertEquals(List.of(), index.nearWordingWords("45l"));
        assertEquals(List.of(), index.nearWordingWords("fuli"));
        assertEquals(List.of("quota"), index.nearWordingWords("quofa"));
    }

    @Test
    void a_few_shared_words_are_not_a_wording() {
        assertEquals(0.0, wording("is the account that you set up over there reachable?", "mailbox-full"));
    }
}
