package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev set as a golden corpus: the matcher with its shipped tuning must keep the accuracy
 * the README reports. A change to the KB or the matcher that loses it fails here, with the misses.
 */
class DevSetTest {

    @Test
    void the_matcher_keeps_its_accuracy_on_the_dev_set() throws Exception {
        List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")));
        assertTrue(samples.size() >= 300, "dev set size " + samples.size());
        Evaluation.Report report = Evaluation.run(Matcher.build(TestServer.bundledKb()), samples);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Evaluation.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));
        String figures = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.positivesTop1() >= 0.95, figures);
        assertTrue(report.negativesRejected() >= 0.90, figures);
        assertTrue(report.top1(Evaluation.NOISE) >= 0.90, figures);
    }
}
