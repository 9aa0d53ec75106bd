package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.tickets.MailConventions.HeaderField;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The character gates derived from the wordings: a superset of where a wording can start or end, or none. */
class MailConventionsTest {

    @Test
    void a_gate_holds_at_every_first_character_of_the_wordings_in_either_case() {
        Pattern gate = Pattern.compile(MailConventions.gate("wrote|(?:a écrit|écrit)|napisał\\(a\\)|\\d{4}\\.|написал") + ".*");
        for (String s : new String[] {"wrote", "Wrote", "écrit", "Écrit", "a écrit", "napisał(a)", "2024.", "написал", "Написал"}) {
            assertTrue(gate.matcher(s).matches(), s);
        }
        assertFalse(gate.matcher("said").matches());
    }

    @Test
    void a_wording_that_starts_with_a_class_or_an_optional_part_leaves_no_gate() {
        assertEquals("", MailConventions.gate("[ab]x|y"));
        assertEquals("", MailConventions.gate("(my )?phone"));
        assertEquals("", MailConventions.gate("\\s*from"));
    }

    @Test
    void last_characters_cover_escaped_parentheses_and_groups_or_are_unknown() {
        String ends = MailConventions.lastChars("wrote|napisał\\(a\\)|(yazdı|skrev)");
        assertTrue(ends.indexOf('e') >= 0 && ends.indexOf(')') >= 0 && ends.indexOf('ı') >= 0 && ends.indexOf('v') >= 0, ends);
        assertNull(MailConventions.lastChars("wrote|sen[dt]"));
    }

    @Test
    void a_header_line_names_its_field_in_any_listed_language() {
        MailConventions mail = MailConventions.BUNDLED;
        assertEquals(HeaderField.FROM, mail.field("Von: Jane <jane@example.org>"));
        assertEquals(HeaderField.DATE, mail.field("Envoyé le : mardi 12 mars 2024"));
        assertEquals(HeaderField.SUBJECT, mail.field("*Subject:* Re: 502"));
        assertNull(mail.field("Note: the site is down"));
    }
}
