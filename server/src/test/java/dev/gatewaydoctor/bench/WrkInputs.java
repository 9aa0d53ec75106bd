package dev.gatewaydoctor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.match.Evaluation;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code N} dev-set inputs (default 200, spread evenly over the set) as {@code /api/match}
 * request bodies, one JSON object a line, for {@code bench/cycle.lua}. A main, run by {@code bench/run}.
 */
public final class WrkInputs {

    private WrkInputs() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")));
        ObjectMapper json = new ObjectMapper();
        n = Math.min(n, samples.size()); // each input once at most
        for (int i = 0; i < n; i++) {
            Evaluation.Sample s = samples.get((int) ((long) i * samples.size() / n));
            System.out.println(json.writeValueAsString(java.util.Map.of("text", s.text())));
        }
    }
}
