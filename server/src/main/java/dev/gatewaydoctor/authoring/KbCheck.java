package dev.gatewaydoctor.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatewaydoctor.chat.Conversation;
import dev.gatewaydoctor.chat.Reply;
import dev.gatewaydoctor.match.DevSetLines;
import dev.gatewaydoctor.match.Evaluation;
import dev.gatewaydoctor.match.Matcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A knowledge base's regression test, for an author's CI: every labelled example that names the
 * node its conversation must reach ({@code "reach"}) or the questions evidence must skip
 * ({@code "skips"}) is played through the conversation engine and must match its entry and go
 * there; and each folder's figures over its own examples must stay at or above the floors in its
 * {@code eval/thresholds.yml}.
 */
public final class KbCheck {

    /** Floors for a folder's figures, as shares in [0, 1]; a missing key is no floor. */
    public record Thresholds(double positivesTop1, double negativesRejected, double ocrTop1) {
        static final Thresholds NONE = new Thresholds(0, 0, 0);
        static final List<String> KEYS = List.of("positives_top1", "negatives_rejected", "ocr_top1");
    }

    /** One thing that failed, located to a file and line. */
    public record Failure(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** What one folder's examples gave. */
    public record FolderResult(Path folder, int examples, int flows, double positivesTop1, double negativesRejected,
                               double ocrTop1, Thresholds floors) {}

    public record Result(List<FolderResult> folders, List<Failure> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** An example that names where its conversation must go. */
    record Expectation(String id, String expect, String text, String reach, List<String> skips, Path file, int line) {}

    private KbCheck() {}

    public static Result run(Matcher matcher, List<Path> kbFolders) throws IOException {
        List<FolderResult> results = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        Conversation conversation = new Conversation(() -> matcher);
        for (Path folder : kbFolders) {
            Path eval = folder.resolve("eval");
            if (!Files.isDirectory(eval)) {
                continue;
            }
            Path thresholdsFile = eval.resolve("thresholds.yml");
            Thresholds floors = thresholds(thresholdsFile, failures);
            List<Evaluation.Sample> samples = Evaluation.withNoise(Evaluation.load(eval));
            Evaluation.Report report = Evaluation.run(matcher, samples);
            List<Expectation> expectations = expectations(eval, failures);
            for (Expectation x : expectations) {
                check(conversation, x, failures);
            }
            FolderResult r = new FolderResult(folder, samples.size(), expectations.size(), report.positivesTop1(),
                    report.negativesRejected(), report.ocrTop1(), floors);
            floor(thresholdsFile, "positives_top1", r.positivesTop1(), floors.positivesTop1(), failures);
            floor(thresholdsFile, "negatives_rejected", r.negativesRejected(), floors.negativesRejected(), failures);
            floor(thresholdsFile, "ocr_top1", r.ocrTop1(), floors.ocrTop1(), failures);
            results.add(r);
        }
        return new Result(results, failures);
    }

    static List<Expectation> expectations(Path eval, List<Failure> failures) throws IOException {
        List<Expectation> out = new ArrayList<>();
        for (DevSetLines.Line l : DevSetLines.read(eval)) {
            JsonNode n = l.expectJson();
            Path file = l.file();
            int line = l.number();
            if (!n.has("reach") && !n.has("skips")) {
                continue;
            }
            String id = n.path("id").asText(file.getFileName() + ":" + line);
            if (!n.hasNonNull("expect")) {
                failures.add(new Failure(file, line, id + ": \"reach\" and \"skips\" need an \"expect\" entry"));
                continue;
            }
            List<String> skips = new ArrayList<>();
            n.path("skips").forEach(s -> skips.add(s.asText()));
            out.add(new Expectation(id, n.get("expect").asText(), n.path("text").asText(),
                    n.hasNonNull("reach") ? n.get("reach").asText() : null, skips, file, line));
        }
        return out;
    }

    private static void check(Conversation conversation, Expectation x, List<Failure> failures) {
        Reply reply = conversation.start(x.text());
        String entry = reply.entry().map(Reply.EntryRef::id).orElse(null);
        if (!reply.matched() || !x.expect().equals(entry)) {
            failures.add(new Failure(x.file(), x.line(), x.id() + ": expected entry " + x.expect() + ", got "
                    + (entry == null ? "no match" : entry + (reply.matched() ? "" : " (not matched)"))
                    + String.format(Locale.ROOT, " at confidence %.2f", reply.confidence())));
            return;
        }
        if (x.reach() != null && !x.reach().equals(reply.node().id())) {
            failures.add(new Failure(x.file(), x.line(), x.id() + ": expected to reach node '" + x.reach() + "', reached '"
                    + reply.node().id() + "'" + skippedSuffix(reply)));
        }
        List<String> skipped = reply.skipped().stream().map(Reply.Skipped::node).toList();
        for (String s : x.skips()) {
            if (!skipped.contains(s)) {
                failures.add(new Failure(x.file(), x.line(), x.id() + ": expected evidence to skip question '" + s + "'"
                        + skippedSuffix(reply)));
            }
        }
    }

    private static String skippedSuffix(Reply reply) {
        List<String> skipped = reply.skipped().stream().map(Reply.Skipped::node).toList();
        return skipped.isEmpty() ? " (nothing skipped)" : " (skipped " + String.join(", ", skipped) + ")";
    }

    static Thresholds thresholds(Path file, List<Failure> failures) throws IOException {
        if (!Files.exists(file)) {
            return Thresholds.NONE;
        }
        JsonNode root = new YAMLMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (root == null || !root.isObject()) {
            failures.add(new Failure(file, 1, "must be a YAML mapping of " + String.join(", ", Thresholds.KEYS)));
            return Thresholds.NONE;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!Thresholds.KEYS.contains(f.getKey())) {
                failures.add(new Failure(file, 0, "unknown key '" + f.getKey() + "' (allowed: " + String.join(", ", Thresholds.KEYS) + ")"));
            } else if (!f.getValue().isNumber() || f.getValue().asDouble() < 0 || f.getValue().asDouble() > 1) {
                failures.add(new Failure(file, 0, f.getKey() + " must be a share between 0 and 1, e.g. 0.95"));
            }
        }
        return new Thresholds(root.path("positives_top1").asDouble(0), root.path("negatives_rejected").asDouble(0),
                root.path("ocr_top1").asDouble(0));
    }

    private static void floor(Path file, String key, double got, double floor, List<Failure> failures) {
        if (got + 1e-9 < floor) {
            failures.add(new Failure(file, 0, String.format(Locale.ROOT, "%s is %.1f%%, below the floor of %.1f%%",
                    key, 100 * got, 100 * floor)));
        }
    }
}
