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
}
