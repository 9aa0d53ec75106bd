package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The matcher gives, for every dev-set input, the ranked ids and confidence recorded in
 * {@code golden-ranks.jsonl}: work meant to keep results (structure, speed) must not move them.
 * With {@code -Dgolden.write=true} it records the current answers instead (see {@link GoldenRanks}).
 */
class GoldenRanksTest {

    /**
     * Confidence may differ by summation order only: BM25 clause scores are floats, and a sum taken
     * in another order moves the last float bit (about 1e-7 relative), never a rank.
     */
    private static final double EPSILON = 1e-6;

    @Test
    void every_dev_set_input_gets_the_recorded_ranked_ids_and_confidence() throws Exception {
        List<GoldenRanks.Answer> now = GoldenRanks.current();
        if (Boolean.getBoolean("golden.write")) {
            GoldenRanks.write(now, GoldenRanks.FILE);
            System.out.println("wrote " + now.size() + " answers to " + GoldenRanks.FILE);
            return;
        }
        Map<String, GoldenRanks.Answer> recorded = GoldenRanks.read(GoldenRanks.FILE);
        List<String> differences = new ArrayList<>();
        for (GoldenRanks.Answer a : now) {
            GoldenRanks.Answer r = recorded.get(a.id());
            if (r == null) {
                differences.add(a.id() + ": not recorded");
            } else if (!r.ranked().equals(a.ranked()) || Math.abs(r.confidence() - a.confidence()) > EPSILON) {
                differences.add(a.id() + ": recorded " + r.ranked() + " " + r.confidence() + ", now " + a.ranked() + " " + a.confidence());
            }
        }
        if (recorded.size() != now.size()) {
            differences.add(recorded.size() + " recorded answers, " + now.size() + " inputs now");
        }
        assertTrue(differences.isEmpty(), differences.size() + " answers differ from the fixture (if the change is"
                + " meant to move results, regenerate: mvn -q -B -o test -pl server -Dtest=GoldenRanksTest -Dgolden.write=true):\n  "
                + String.join("\n  ", differences.subList(0, Math.min(40, differences.size()))));
    }
}
