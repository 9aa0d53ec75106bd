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
        // held-out (never fitted on, 747 inputs with six fresh batches), the shipped lexical weights
        // (eval --fit --write on the fit split, after the NGINX-side and DNS knowledge and with the
        // lines that shared a thread with fit lines moved there): positives 86.3 %, negatives
        // rejected 92.4 %, OCR 100 % (30 of 30)
        assertTrue(heldout.positivesTop1() >= 0.85, figures);
        assertTrue(heldout.negativesRejected() >= 0.91, figures);
        assertTrue(heldout.ocrTop1() >= 0.93, figures);
        // the ticket auto_reply default was chosen here: at least 99 % of what it answers is right
        // (100.0 % of 101 held-out inputs, 17.6 % of them, when chosen at 1.0 (98.6 % at 0.999); after
        // the refit 100 % of 95 of 639, 14.9 %; after the next, 96 of 639, 15.0 %; with the fifth fresh
        // batch 107 of 717, 14.9 %; after its refit 111 of 717, 15.5 %; with
        // the sixth, 109 of 747, 14.6 %)
        Evaluation.Point autoReply = heldout.at(Action.Thresholds.AUTO_REPLY_DEFAULT);
        assertTrue(autoReply.precision() >= 0.99 && autoReply.coverage() >= 0.14, figures + "\nauto_reply: " + autoReply);
        // the whole set (its fit split is in-sample): positives 91.4 %, negatives 92.7 %, noise 98.1 %
        assertTrue(report.positivesTop1() >= 0.89, figures);
        assertTrue(report.negativesRejected() >= 0.91, figures);
        assertTrue(report.top1(Evaluation.NOISE) >= 0.90, figures);
    }

    @Test
    void every_topic_sits_wholly_in_one_split() throws Exception {
        // A topic is one source or scenario: split across, its held-out lines test what its fit
        // lines trained on (two lines of different sources once shared a topic name this way).
        java.util.Map<String, java.util.Set<String>> splits = new java.util.TreeMap<>();
        for (Evaluation.Sample s : Evaluation.load(Path.of("kb", "eval"))) {
            splits.computeIfAbsent(s.topic(), t -> new java.util.TreeSet<>()).add(s.heldout() ? "heldout" : "fit");
        }
        List<String> straddling = splits.entrySet().stream().filter(e -> e.getValue().size() > 1).map(java.util.Map.Entry::getKey).toList();
        assertTrue(straddling.isEmpty(), "topics in both splits: " + straddling);
    }

    @Test
    void no_public_thread_is_cited_on_both_sides_of_the_split() throws Exception {
        // Lines written apart can still come from the same thread under two topic names (cited as
        // "owner/repo#12" in one and "owner/repo issue #12" in another): a held-out line would then
        // test what a fit line of the same thread trained on. Twenty-one such lines were found and
        // moved to the fit split.
        java.util.regex.Pattern thread = java.util.regex.Pattern.compile(
                "([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?:\\s+(?:issues?|pull|pr|discussion)s?)?\\s*#(\\d+)",
                java.util.regex.Pattern.CASE_INSENSITIVE);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, java.util.Set<String>> splits = new java.util.TreeMap<>();
        int cited = 0;
        try (var files = java.nio.file.Files.list(Path.of("kb", "eval"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    var node = json.readTree(line);
                    String split = node.path("split").asText("fit");
                    java.util.regex.Matcher m = thread.matcher(node.path("source").asText(""));
                    while (m.find()) {
                        cited++;
                        splits.computeIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT) + "#" + m.group(2),
                                t -> new java.util.TreeSet<>()).add(split);
                    }
                }
            }
        }
        assertTrue(cited > 500, "threads cited: " + cited); // the pattern still reads the sources
        List<String> straddling = splits.entrySet().stream().filter(e -> e.getValue().size() > 1).map(java.util.Map.Entry::getKey).toList();
        assertTrue(straddling.isEmpty(), "threads cited by fit and held-out lines: " + straddling);
    }
}
