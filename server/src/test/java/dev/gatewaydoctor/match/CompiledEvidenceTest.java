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
