package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A second labelling of dev-set lines, made from the text alone by labellers who saw neither the
 * line's label nor the matcher's answer ({@code audit/blind-labels.jsonl} beside the dev set). A
 * dev-set label may rest on what the thread behind a report resolved to, which the text need not
 * say; where the blind label differs, no matcher reading the text can be sure to find it. The
 * agreement is a ceiling on what the held-out figures can show, and the served model's top-1 on
 * agreed and disagreed lines says how much of its misses lie there.
 *
 * <p>Nothing is fitted, chosen or relabelled from it: it is read for the figures only.
 */
public final class LabelAudit {

    /** Where the blind labels live, relative to a dev-set folder (a subfolder: not dev-set lines). */
    public static final String FILE = "audit/blind-labels.jsonl";

    /**
     * One line's blind label.
     *
     * @param label the entry id, or null for "none of the entries"
     * @param second the labeller's second choice (an entry id, or null for none or no second choice)
     * @param sure whether the labeller would bet on the label
     */
    public record Label(String id, String label, String second, boolean sure) {}

    private LabelAudit() {}

    /** The blind labels of every dev-set folder that has them, by line id; none when no folder has. */
    public static Map<String, Label> load(List<Path> sets) throws IOException {
        Map<String, Label> out = new HashMap<>();
        for (Path set : sets) {
            Path file = set.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            // the dev set's own reader: blank lines skipped, a bad line named by file and number
            for (DevSetLines.Line line : DevSetLines.readFile(file)) {
                JsonNode n = line.expectJson();
                String where = file + ":" + line.number();
                String id = n.path("id").asText("");
                if (id.isEmpty() || !n.has("label")) {
                    throw new IOException(where + ": a blind label needs an \"id\" and a \"label\"");
                }
                if (out.put(id, new Label(id, entry(n.get("label")), entry(n.get("second")), n.path("sure").asBoolean(false))) != null) {
                    throw new IOException(where + ": a second blind label for " + id);
                }
            }
        }
        return out;
    }

    /** An entry id, or null for "none", null or a missing field. */
    private static String entry(JsonNode n) {
        if (n == null || n.isNull() || n.asText().equals("none") || n.asText().isEmpty()) {
            return null;
        }
        return n.asText();
    }

    /**
     * The figures over one set of outcomes (held-out, or the fit lines).
     *
     * @param audited outcomes whose line has a blind label
     * @param agree the blind label is the dev set's
     * @param agreeOrSecond the dev set's label is the blind label or its second choice
     * @param sure the labeller was sure
     * @param rightAgreed the served answer was right on a line the audit agrees with (of {@code agree})
     * @param rightDisagreed the same on the other lines (of {@code audited - agree})
     * @param blindAnswered lines the audit disagrees on where the served answer is the blind label
     */
    public record Figures(int audited, int agree, int agreeOrSecond, int sure, int rightAgreed, int rightDisagreed,
                          int blindAnswered) {

        static Figures of(List<Evaluation.Outcome> outcomes, Map<String, Label> labels) {
            int audited = 0, agree = 0, agreeOrSecond = 0, sure = 0, rightAgreed = 0, rightDisagreed = 0, blind = 0;
            for (Evaluation.Outcome o : outcomes) {
                Label l = labels.get(o.sample().id());
                if (l == null) {
                    continue;
                }
                audited++;
                boolean same = Objects.equals(l.label(), o.sample().expect());
                if (same) {
                    agree++;
                    rightAgreed += o.top1() ? 1 : 0;
                } else {
                    rightDisagreed += o.top1() ? 1 : 0;
                    blind += Objects.equals(l.label() == null ? "none" : l.label(), o.answer()) ? 1 : 0;
                }
                if (same || (l.second() != null && l.second().equals(o.sample().expect()))) {
                    agreeOrSecond++;
                }
                sure += l.sure() ? 1 : 0;
            }
            return new Figures(audited, agree, agreeOrSecond, sure, rightAgreed, rightDisagreed, blind);
        }

        int disagree() {
            return audited - agree;
        }
    }

    /**
     * Prints the audit of a protocol's reports: held-out first, then the fit lines (their answers
     * out of fold, from the cross-validation), then held-out file by file. Prints nothing without
     * blind labels.
     */
    public static void print(Map<String, Label> labels, Evaluation.Protocol p, PrintStream out) {
        if (labels.isEmpty()) {
            return;
        }
        List<Evaluation.Outcome> heldout = clean(p.heldout().outcomes());
        List<Evaluation.Outcome> fit = clean(p.crossValidated().outcomes());
        out.println();
        out.println("== LABEL AUDIT: a second labelling from the text alone (" + FILE + "; " + labels.size() + " lines)");
        out.println("  lines                          audited   agree  agree or 2nd    sure | top-1 where agreed | top-1 elsewhere | answer = blind label elsewhere");
        row("held-out", Figures.of(heldout, labels), out);
        row("fit (cross-validated)", Figures.of(fit, labels), out);
        Map<String, List<Evaluation.Outcome>> byFile = new TreeMap<>();
        for (Evaluation.Outcome o : heldout) {
            byFile.computeIfAbsent(o.sample().file(), f -> new ArrayList<>()).add(o);
        }
        out.println("  held-out by file:");
        byFile.forEach((file, outcomes) -> {
            Figures f = Figures.of(outcomes, labels);
            if (f.audited() > 0) {
                row("  " + file, f, out);
            }
        });
    }

    /** OCR-noised copies are made by eval, not labelled: they stay out. */
    private static List<Evaluation.Outcome> clean(List<Evaluation.Outcome> outcomes) {
        return outcomes.stream().filter(o -> !o.sample().kind().equals(Evaluation.NOISE)).toList();
    }

    private static void row(String name, Figures f, PrintStream out) {
        out.printf(Locale.ROOT, "  %-30s %7d  %6s  %12s  %6s | %18s | %15s | %s%n", name, f.audited(),
                share(f.agree(), f.audited()), share(f.agreeOrSecond(), f.audited()), share(f.sure(), f.audited()),
                share(f.rightAgreed(), f.agree()), share(f.rightDisagreed(), f.disagree()),
                f.disagree() == 0 ? "-" : f.blindAnswered() + " of " + f.disagree());
    }

    private static String share(int k, int n) {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }
}
