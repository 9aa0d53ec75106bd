package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import dev.gatewaydoctor.tickets.Action;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
        // held-out (never fitted on: 611 inputs, half of every fresh batch by the topic rule of
        // kb/eval/README.md), the shipped lexical weights (eval --fit --write on the fit split,
        // semantic part off, the threshold 0.57 chosen on this model's own CV): positives 85.1 %,
        // negatives rejected 93.5 %, OCR 100.0 % (30 of 30)
        assertTrue(heldout.positivesTop1() >= 0.85, figures);
        assertTrue(heldout.negativesRejected() >= 0.93, figures);
        assertTrue(heldout.ocrTop1() >= 0.93, figures);
        // the ticket auto_reply default was chosen here: at least 99 % of what it answers is right
        // (at 0.994: 156 of the 611 held-out inputs answered, 25.5 %, 99.4 % right; the README
        // keeps how this moved)
        Evaluation.Point autoReply = heldout.at(Action.Thresholds.AUTO_REPLY_DEFAULT);
        assertTrue(autoReply.precision() >= 0.99 && autoReply.coverage() >= 0.20, figures + "\nauto_reply: " + autoReply);
        // the whole set (its fit split is in-sample): positives 89.7 %, negatives 94.1 %, OCR 99.1 %
        assertTrue(report.positivesTop1() >= 0.89, figures);
        assertTrue(report.negativesRejected() >= 0.92, figures);
        assertTrue(report.top1(Evaluation.NOISE) >= 0.90, figures);
    }

    @Test
    void every_topic_sits_wholly_in_one_split() throws Exception {
        // A topic is one source or scenario: split across, its held-out lines test what its fit
        // lines trained on (two lines of different sources once shared a topic name this way).
        Map<String, Set<String>> splits = new TreeMap<>();
        for (Evaluation.Sample s : Evaluation.load(Path.of("kb", "eval"))) {
            splits.computeIfAbsent(s.topic(), t -> new TreeSet<>()).add(s.heldout() ? "heldout" : "fit");
        }
        assertTrue(straddling(splits).isEmpty(), "topics in both splits: " + straddling(splits));
    }

    @Test
    void every_fresh_batch_keeps_about_half_of_its_topics_held_out() throws Exception {
        // The re-split (kb/eval/README.md) put half of each fresh batch's topics in the fit split
        // and kept the other half held out: a batch moved wholly to one side would either leave
        // nothing of its kind to test on or nothing to fit on.
        Map<String, Map<String, Set<String>>> byFile = new TreeMap<>();
        for (DevSetLines.Line line : DevSetLines.read(Path.of("kb", "eval"))) {
            String file = line.file().getFileName().toString();
            if (!file.startsWith("reports-fresh")) {
                continue;
            }
            byFile.computeIfAbsent(file, f -> new TreeMap<>())
                    .computeIfAbsent(line.expectJson().path("split").asText("fit"), t -> new TreeSet<>())
                    .add(line.expectJson().path("topic").asText());
        }
        assertTrue(byFile.size() >= 7, "fresh batches: " + byFile.keySet());
        byFile.forEach((file, splits) -> {
            int heldout = splits.getOrDefault("heldout", Set.of()).size();
            int fit = splits.getOrDefault("fit", Set.of()).size();
            double share = heldout / (double) (heldout + fit);
            assertTrue(share >= 0.4 && share <= 0.6, file + ": " + heldout + " topics held out, " + fit + " fit");
        });
    }

    @Test
    void no_public_thread_is_cited_on_both_sides_of_the_split() throws Exception {
        // Lines written apart can still come from the same thread under two topic names (cited as
        // "owner/repo#12" in one and "owner/repo issue #12" in another): a held-out line would then
        // test what a fit line of the same thread trained on. Twenty-one such lines were found and
        // moved to the fit split.
        Map<String, Set<String>> splits = new TreeMap<>();
        int cited = 0;
        for (DevSetLines.Line line : DevSetLines.read(Path.of("kb", "eval"))) {
            String split = line.expectJson().path("split").asText("fit");
            var m = THREAD.matcher(line.expectJson().path("source").asText(""));
            while (m.find()) {
                cited++;
                splits.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT) + "#" + m.group(2), t -> new TreeSet<>()).add(split);
            }
        }
        assertTrue(cited > 500, "threads cited: " + cited); // the pattern still reads the sources
        assertTrue(straddling(splits).isEmpty(), "threads cited by fit and held-out lines: " + straddling(splits));
    }

    @Test
    void every_blind_label_names_a_dev_set_line_and_an_entry_of_the_kb() throws Exception {
        // The label audit is read against the lines it labelled: a label of a line renamed or
        // dropped, or of an entry that is gone, would count as a disagreement that is not one.
        Map<String, LabelAudit.Label> labels = LabelAudit.load(List.of(Path.of("kb", "eval")));
        assertTrue(labels.size() >= 1000, "blind labels: " + labels.size());
        Set<String> ids = new TreeSet<>();
        Evaluation.load(Path.of("kb", "eval")).forEach(s -> ids.add(s.id()));
        Set<String> entries = TestServer.bundledKb().entries().keySet();
        List<String> wrong = labels.values().stream()
                .filter(l -> !ids.contains(l.id()) || (l.label() != null && !entries.contains(l.label()))
                        || (l.second() != null && !entries.contains(l.second())))
                .map(LabelAudit.Label::id).toList();
        assertTrue(wrong.isEmpty(), "blind labels of no dev-set line or of no entry: " + wrong);
    }

    /** A public thread as the sources cite it: {@code owner/repo#12}, {@code owner/repo issue #12}, {@code owner/repo PR #12}. */
    private static final Pattern THREAD = Pattern.compile(
            "([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?:\\s+(?:issues?|pull|pr|discussion)s?)?\\s*#(\\d+)", Pattern.CASE_INSENSITIVE);

    private static List<String> straddling(Map<String, Set<String>> splits) {
        return splits.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }
}
