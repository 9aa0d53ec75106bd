package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mistakes authors make, each reported at the right file and line with a fix that works. */
class AuthoringChecksTest {

    static final Path CASES = Path.of("server/src/test/resources/kb-authoring");

    static Problem find(List<Problem> problems, String message) {
        return problems.stream().filter(p -> p.message().contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem says '" + message + "' in " + problems));
    }

    @Test
    void option_evidence_without_backticks_is_an_error_at_its_line() {
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(CASES.resolve("evidence-without-backticks"))));
        Problem p = find(e.problems(), "needs its pattern in backticks");
        assertEquals(CASES.resolve("evidence-without-backticks/entry.md"), p.file());
        assertEquals(18, p.line());
        assertTrue(p.message().contains("evidence: `PATTERN`"), p.message());
    }

    @Test
    void a_missing_anchor_on_an_end_heading_suggests_the_heading_with_its_end_prefix() {
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(CASES.resolve("end-without-anchor"))));
        Problem p = find(e.problems(), "has no anchor");
        assertEquals(19, p.line());
        assertTrue(p.message().contains("</a>End: Nothing to do on your side'"), p.message());
    }

    @Test
    void a_company_folder_alone_gets_related_errors_at_the_related_line_with_the_layered_command() throws KbException {
        Path company = CASES.resolve("company-alone");
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(company)));
        Problem p = find(e.problems(), "related id '502-nginx' is not an entry");
        assertEquals(7, p.line());
        assertTrue(p.message().contains("--kb kb --kb " + company), p.message());
        // and the fix it names works
        assertEquals(KbLoader.load(List.of(Path.of("kb"))).size() + 1, KbLoader.load(List.of(Path.of("kb"), company)).size());
    }

    @Test
    void a_replacement_that_drops_a_linked_anchor_is_blamed_on_the_replacing_file() {
        Path base = CASES.resolve("replaced-anchor/base");
        Path override = CASES.resolve("replaced-anchor/override");
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(base, override)));
        Problem p = find(e.problems(), "has no node '#fix'");
        assertEquals(override.resolve("a.md"), p.file());
        assertEquals(2, p.line());
        assertTrue(p.message().contains(base.resolve("a.md").toString()) && p.message().contains(base.resolve("b.md") + ":"),
                p.message());
    }

    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = '|', textBlock = """
            bom                   | entry.md      | 1  | byte-order mark
            file-name             | wrong-name.md | 2  | rename the file to right-name.md
            loose-option-evidence | entry.md      | 19 | matches 3 of the entry's 3 variants
            shared-variant        | second.md     | 5  | is also a variant of 'first'
            short-common          | a.md          | 5  | shorter than 3 words and also found in the variants of b, c
            """)
    void likely_mistakes_load_with_a_warning_at_file_and_line(String kbCase, String file, int line, String message)
            throws KbException {
        Kb kb = KbLoader.load(List.of(CASES.resolve(kbCase)));
        Problem p = find(kb.warnings(), message);
        assertTrue(p.isWarning());
        assertEquals(CASES.resolve(kbCase).resolve(file), p.file());
        assertEquals(line, p.line(), p.toString());
    }

    @Test
    void a_file_with_a_byte_order_mark_is_read_like_any_other() throws KbException {
        Kb kb = KbLoader.load(List.of(CASES.resolve("bom")));
        assertEquals("Entry entry", kb.expectEntry("entry").title());
    }

    @Test
    void the_bundled_kb_has_no_loose_option_evidence_and_no_shared_variant() throws KbException {
        Kb kb = KbLoader.load(List.of(Path.of("kb")));
        List<Problem> bad = kb.warnings().stream()
                .filter(w -> w.message().contains("variants, e.g.") || w.message().contains("is also a variant of")
                        || w.message().contains("byte-order") || w.message().contains("rename the file"))
                .toList();
        assertEquals(List.of(), bad);
    }
}
