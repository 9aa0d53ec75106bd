package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.bench.MailTextBench;
import dev.gatewaydoctor.bench.MailTextBench.Body;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards against quadratic cleaning: every adversarial body of the bench (about 1 MB, the ticket
 * limit) is cleaned within a budget far above its measured time, so that only a change of complexity
 * (a step that rescans the remaining lines for every line) fails it, not a busy machine.
 */
class MailTextTimeTest {

    /**
     * CPU milliseconds: ten times the 100 ms target, several times the slowest body measured on a
     * loaded machine; a step that rescans the remaining lines for every line takes seconds here.
     */
    private static final double BUDGET_MS = 1_000;

    static Stream<Body> bodies() {
        return MailTextBench.adversarial().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void an_adversarial_body_is_cleaned_within_the_budget(Body body) {
        double ms = MailTextBench.millis(body, 1);
        assertTrue(ms < BUDGET_MS, () -> body.name() + " took " + ms + " ms of CPU");
    }
}
