package dev.gatewaydoctor.match;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatewaydoctor.TestServer;

/** Whatever text is pasted (HTML, logs, binary junk), a match comes back with sane numbers. */
class MatcherFuzzTest {

    static final Matcher MATCHER = Matcher.build(TestServer.bundledKb());

    @FuzzTest
    void match(String text) {
        if (text == null || text.isBlank()) {
            return; // refused at the edge with 400
        }
        Match m = MATCHER.match(text, 5);
        if (!(m.confidence() >= 0 && m.confidence() <= 1) || m.results().size() > 5) {
            throw new AssertionError("confidence " + m.confidence() + ", " + m.results().size() + " results for: " + text);
        }
    }
}
