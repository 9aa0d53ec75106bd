package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Evidence;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CompiledEvidenceTest {

    private static Optional<String> literal(String regex) {
        return CompiledEvidence.requiredLiteral(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "upstream timed out \\(110: Connection timed out\\); upstream timed out (110: Connection timed out)",
        "proxy error; proxy error",
        "server at \\S+ port \\d+; 'server at '",
        "502 bad gateway|no live upstreams; -",
        "colou?r scheme; r scheme",
        "abc+d; abc",
        "(?i)briefly unavailable; briefly unavailable",
        "\\bAH0(0957|0959)\\b; -",
        "x\\Qa.b\\E long literal after; -",
        "[^)]*\\) while connecting; ) while connecting",
        "(?x) a b c d; -",
        "ä umlaut; ' umlaut'",
    })
    void the_required_literal_is_what_every_match_contains(String regex, String expected) {
        assertEquals(Optional.ofNullable(expected), literal(regex));
    }

    /** Alternatives: every match contains at least one of the literals (or nothing is required). */
    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "-", value = {
        "502 bad gateway|no live upstreams; 502 bad gateway,no live upstreams",
        "\\bAH0(0957|0959)\\b; 0957,0959",
        "connect\\(\\) to (unix:|\\S+:\\d+) failed; 'connect() to '",
        "(?:upstream|backend) timed out; ' timed out'",
        "(?:upstream|backend) hit; upstream,backend",
        "no live upstreams|x; -",
        "(?i)(nginx|openresty)/\\d; nginx,openresty",
        "(nginx|openresty)?/ failed here; '/ failed here'",
        "(?<=error )code \\d+; 'code '",
        "(?!abc)defgh; defgh",
        "(?<name>upstream) closed; upstream",
        "(?i:bad gateway)|(?s:proxy error); bad gateway,proxy error",
        "a(b|cd)e; -",
        "\\Qa(b\\E long literal; -",
    })
    void the_requirement_is_a_literal_of_every_alternative(String regex, String expected) {
        Optional<List<String>> any = CompiledEvidence.required(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        assertEquals(Optional.ofNullable(expected).map(e -> List.of(e.split(","))), any);
    }

    @Test
    void folding_makes_case_insensitive_look_alikes_one_character() {
        assertEquals(CompiledEvidence.fold("server"), CompiledEvidence.fold("\u017Ferver"));
        assertEquals("kelvin", CompiledEvidence.fold("\u212Aelvin"));
    }

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
                    assertEquals(ev.find(text), compiled.find(text, CompiledEvidence.fold(text)), ev.label() + " on " + s.id());
                    assertEquals(ev.find(text.toUpperCase()), compiled.find(text.toUpperCase(), CompiledEvidence.fold(text.toUpperCase())),
                            ev.label() + " on " + s.id() + " in upper case");
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 1000, "checked " + checked);
    }
}
