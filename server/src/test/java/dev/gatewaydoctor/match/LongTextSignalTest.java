package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The long-text features repeat the base features for a long text and are zero for a short one,
 * whatever the candidate; on a KB of another domain, so nothing depends on the bundled entries.
 */
class LongTextSignalTest {

    static Matcher matcher;
    static int base;
    static int longFlag;

    @BeforeAll
    static void build() throws Exception {
        matcher = Matcher.build(KbLoader.load(List.of(Path.of("server/src/test/resources/kb-mail"))));
        List<String> names = Arrays.asList(ChoiceModel.NAMES);
        base = names.indexOf("long-wording");
        longFlag = names.indexOf("long");
        assertTrue(base > 0 && longFlag == base * 2, "layout " + names);
    }

    @Test
    void a_short_text_has_its_base_features_and_no_long_ones() {
        Matcher.Scoring s = matcher.score("550 5.1.1 User unknown", Matcher.Path.LEXICAL);
        assertFalse(s.candidates().isEmpty());
        for (Matcher.Candidate c : s.candidates()) {
            double[] f = c.features();
            assertTrue(Arrays.stream(f, 0, base).anyMatch(v -> v != 0), c.entry().id());
            assertTrue(Arrays.stream(f, base, longFlag + 1).allMatch(v -> v == 0), c.entry().id() + " " + Arrays.toString(f));
        }
    }

    @Test
    void a_long_report_repeats_every_base_feature_and_sets_the_flag() throws Exception {
        String report = Files.readString(Path.of("server/src/test/resources/match/long-text/bounce.txt"));
        assertTrue(report.length() >= LongTextSignal.LONG);
        Matcher.Scoring s = matcher.score(report, Matcher.Path.LEXICAL);
        assertEquals("mailbox-unknown", s.candidates().get(0).entry().id());
        for (Matcher.Candidate c : s.candidates()) {
            double[] f = c.features();
            assertTrue(Arrays.equals(Arrays.copyOfRange(f, 0, base), Arrays.copyOfRange(f, base, longFlag)), c.entry().id());
            assertEquals(1.0, f[longFlag], c.entry().id());
        }
    }
}
