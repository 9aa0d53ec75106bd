package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.regex.RequiredLiterals;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledEvidenceTest {

    /** On every KB pattern and every dev-set text the prefiltered evidence finds what the plain one finds. */
    @Test
    void the_prefilter_never_changes_what_evidence_finds() throws Exception {
        List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")));
        int checked = 0;
        for (Entry e : TestServer.bundledKb().list()) {
            for (Evidence ev : e.evidence()) {
                CompiledEvidence compiled = new CompiledEvidence(ev);
                for (Evaluation.Sample s : samples) {
                    String text = PastedText.of(s.text()).forEvidence();
                    assertEquals(ev.find(text), compiled.find(text, RequiredLiterals.fold(text)), ev.label() + " on " + s.id());
                    assertEquals(ev.find(text.toUpperCase()), compiled.find(text.toUpperCase(), RequiredLiterals.fold(text.toUpperCase())),
                            ev.label() + " on " + s.id() + " in upper case");
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 1000, "checked " + checked);
    }

    /**
     * Patterns that can never match a line feed are searched only on the lines holding one of
     * their literals: on every KB pattern, evidence and look-alike, each text's first match is the
     * one a search of the whole text finds — on the dev-set texts, with Windows line breaks, with
     * each text's lines in reverse order, and with a text's matching line repeated.
     */
    @Test
    void searching_the_lines_with_a_literal_finds_the_whole_texts_first_match() throws Exception {
        List<java.util.regex.Pattern> all = new java.util.ArrayList<>();
        for (Entry e : TestServer.bundledKb().list()) {
            for (Evidence ev : java.util.stream.Stream.concat(e.evidence().stream(), e.unlike().stream()).toList()) {
                all.addAll(ev.patterns());
            }
        }
        Patterns patterns = new Patterns();
        int[] ids = all.stream().mapToInt(patterns::id).toArray();
        long byLine = all.stream().filter(p -> dev.gatewaydoctor.regex.SingleLine.of(p)
                && RequiredLiterals.of(p).requiresAny()).count();
        assertEquals(true, byLine > 20, byLine + " patterns searched by line");
        int found = 0;
        for (Evaluation.Sample s : Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")))) {
            String text = PastedText.of(s.text()).forEvidence();
            List<String> lines = java.util.Arrays.asList(text.split("\n", -1));
            List<String> reversed = new java.util.ArrayList<>(lines);
            java.util.Collections.reverse(reversed);
            for (String t : List.of(text, text.replace("\n", "\r\n"), String.join("\n", reversed), text + "\n" + text)) {
                Patterns.Seen seen = patterns.in(t, RequiredLiterals.fold(t));
                for (int i = 0; i < ids.length; i++) {
                    String expected = Evidence.firstMatch(all.get(i), t);
                    assertEquals(expected, seen.firstMatch(ids[i]), all.get(i) + " on " + s.id());
                    found += expected == null ? 0 : 1;
                }
            }
        }
        assertEquals(true, found > 1000, "found " + found);
    }

    /** On ASCII text, every KB pattern compiled with ASCII case folding finds what the Unicode-folding one finds. */
    @Test
    void ascii_case_folding_finds_what_unicode_case_folding_finds_on_ascii_text() throws Exception {
        List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")));
        int checked = 0;
        for (Entry e : TestServer.bundledKb().list()) {
            for (Evidence ev : java.util.stream.Stream.concat(e.evidence().stream(), e.unlike().stream()).toList()) {
                for (java.util.regex.Pattern p : ev.patterns()) {
                    java.util.regex.Pattern ascii = Patterns.asciiCase(p);
                    if (ascii == null) {
                        continue;
                    }
                    for (Evaluation.Sample s : samples) {
                        String text = PastedText.of(s.text()).forEvidence();
                        for (String t : List.of(text, text.toUpperCase(java.util.Locale.ROOT))) {
                            if (Patterns.isAscii(t)) {
                                assertEquals(Evidence.firstMatch(p, t), Evidence.firstMatch(ascii, t), p + " on " + s.id());
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(true, checked > 1000, "checked " + checked);
    }

    /** Patterns that name characters beyond ASCII or switch Unicode folding on inline keep Unicode folding. */
    @Test
    void patterns_beyond_ascii_keep_unicode_case_folding() {
        int flags = java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
        for (String re : List.of("caf\u00e9", "stra\\x{df}e", "\\p{Lu}+", "(?u)abc", "\\N{KELVIN SIGN}")) {
            assertEquals(null, Patterns.asciiCase(java.util.regex.Pattern.compile(re, flags)), re);
        }
        assertEquals(null, Patterns.asciiCase(java.util.regex.Pattern.compile("abc", java.util.regex.Pattern.CASE_INSENSITIVE)));
        assertEquals(false, Patterns.asciiCase(java.util.regex.Pattern.compile("bad gateway", flags)) == null);
    }
}
