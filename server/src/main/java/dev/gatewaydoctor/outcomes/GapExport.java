package dev.gatewaydoctor.outcomes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns inputs behind gaps into labelled dev-set lines in kb/eval's format (id, kind, expect, text,
 * source, topic, split), so that a gap fixed in the KB stays fixed. An author picks the label: the
 * entry the inputs belong to, or {@code none} for inputs that are out of scope (kind "negative").
 */
public final class GapExport {

    /** The label for inputs no entry should match. */
    public static final String NONE = "none";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTML = Pattern.compile("(?is)<(html|head|body|title|div|p|h1|center)[\\s>]");
    private static final Pattern LOG_LINE = Pattern.compile("^\\s*(\\[?\\d{2,4}[-/.]\\d{1,2}[-/.]\\d{1,4}|\\[\\w{3} \\w{3} |\\w{3} \\d{1,2} \\d{2}:)");

    private GapExport() {}

    /**
     * The lines for {@code entry}: every input of the "switched" gaps that ended in {@code entry},
     * and every input of the gaps named in {@code gapIds} whatever their kind, once per distinct text.
     */
    public static List<String> lines(List<Gaps.Gap> gaps, String entry, Set<String> gapIds) {
        boolean negative = entry.equals(NONE);
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (Gaps.Gap g : gaps) {
            boolean chosen = gapIds.contains(g.id()) || (!negative && g.kind().equals("switched") && entry.equals(g.entry()));
            if (!chosen) {
                continue;
            }
            for (Gaps.Input in : g.inputs()) {
                if (in.text() == null || in.text().isBlank() || !seen.add(in.hash())) {
                    continue;
                }
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("id", "gap-" + (negative ? "neg" : entry) + "-" + in.hash().substring(0, 10));
                line.put("kind", negative ? "negative" : kind(in));
                line.put("expect", negative ? null : entry);
                line.put("text", in.text());
                line.put("source", "Gateway Doctor outcome record: " + in.source() + " (" + in.channel() + ", "
                        + in.at().atOffset(ZoneOffset.UTC).toLocalDate() + "), redacted; gap " + g.id());
                line.put("topic", g.id());
                line.put("split", split(g.id()));
                try {
                    out.add(JSON.writeValueAsString(line));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a dev-set line cannot be written", e);
                }
            }
        }
        return out;
    }

    /** A ticket is a report; a page source is html; a text whose every line starts with a time is a log; else a question. */
    static String kind(Gaps.Input in) {
        if (in.channel().equals("ticket")) {
            return "report";
        }
        if (HTML.matcher(in.text()).find()) {
            return "html";
        }
        List<String> lines = in.text().lines().filter(l -> !l.isBlank()).toList();
        if (!lines.isEmpty() && lines.stream().allMatch(l -> LOG_LINE.matcher(l).find())) {
            return "log";
        }
        return "question";
    }

    /** About 30 % of topics held out, decided by the topic alone, so every line of a topic lands together. */
    static String split(String topic) {
        return Math.floorMod(Redaction.fingerprint(topic).hashCode(), 10) < 3 ? "heldout" : "fit";
    }
}
