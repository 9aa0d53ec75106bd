package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.tickets.Action;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dev set as a golden corpus: the matcher with its shipped weights must keep the figures the
 * README reports, on the held-out split (at the measured level less a small margin) and over the
 * whole set as before. A change to the KB or the matcher that loses them fails here, with the misses.
 */
class DevSetTest {

    @Test
    void the_matcher_keeps_its_accuracy_on_the_dev_set() throws Exception {
        List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval")));
        assertTrue(samples.size() >= 300, "dev set size " + samples.size());
        Evaluation.Report report = Evaluation.run(Matcher.build(TestServer.bundledKb()), samples);
        Evaluation.Report heldout = report.heldout();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        print.println("held-out:");
        Evaluation.print(heldout, print, true, false);
        print.println("all:");
        Evaluation.print(report, print);
        String figures = out.toString(StandardCharsets.UTF_8);
        assertTrue(heldout.size() >= 0.25 * report.size(), figures);
        // held-out (never fitted on, 490 inputs with the second fresh batch), the shipped lexical weights
        // (eval --fit --write on the fit split, threshold 0.57 chosen on its cross-validation):
        // positives 91.2 %, negatives rejected 95.2 %, OCR 100 %
        assertTrue(heldout.positivesTop1() >= 0.90, figures);
        assertTrue(heldout.negativesRejected() >= 0.95, figures);
        assertTrue(heldout.ocrTop1() >= 0.94, figures);
        // the ticket auto_reply default was chosen here: at least 99 % of what it answers is right
        // (100.0 % of 74 held-out inputs, 23.4 % of them, when chosen)
        Evaluation.Point autoReply = heldout.at(Action.Thresholds.AUTO_REPLY_DEFAULT);
        assertTrue(autoReply.precision() >= 0.99 && autoReply.coverage() >= 0.15, figures + "\nauto_reply: " + autoReply);
        // the whole set (its fit split is in-sample)
        assertTrue(report.positivesTop1() >= 0.92, figures);
        assertTrue(report.negativesRejected() >= 0.92, figures);
        assertTrue(report.top1(Evaluation.NOISE) >= 0.90, figures);
    }
}
