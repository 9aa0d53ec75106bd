package dev.gatewaydoctor.outcomes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Entities;

/** The report and the gaps as authors read them: JSON shapes, a plain-text table, a standalone HTML page. */
public final class AdminView {

    private AdminView() {}

    /** The gaps as shown: the first few inputs of each, with the total. */
    public static List<Map<String, Object>> gaps(List<Gaps.Gap> gaps) {
        return gaps.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("kind", g.kind());
            m.put("title", g.title());
            m.put("people", g.people());
            m.put("entry", g.entry());
            m.put("from_entry", g.fromEntry());
            m.put("node", g.node());
            m.put("not_fixed_rate", g.notFixedRate());
            m.put("inputs", g.inputs().size());
            m.put("examples", g.examples().stream().map(i -> Map.of("text", i.text(), "channel", i.channel(),
                    "at", i.at().toString())).toList());
            return m;
        }).toList();
    }

    public static String table(Report r, List<Gaps.Gap> gaps) {
        StringBuilder sb = new StringBuilder();
        Report.Totals t = r.totals();
        sb.append(String.format(Locale.ROOT, "Outcomes from %s to %s%n", r.since(), r.until()));
        sb.append(String.format(Locale.ROOT, "%d conversations (%d matched, %d not), %d reached a fix, %d fixed, %d not fixed,"
                        + " %d handed off, %d abandoned; resolution %s; %d tickets%n%n", t.conversations(), t.matched(), t.unmatched(),
                t.reachedFix(), t.fixed(), t.notFixed(), t.handedOff(), t.abandoned(), pct(t.resolutionRate()), t.tickets()));
        sb.append(String.format(Locale.ROOT, "%-40s %6s %8s %6s %6s %7s %7s %8s%n", "entry / leaf", "convs", "reached", "fixed",
                "no", "handoff", "abandon", "resolved"));
        for (Report.EntryLine e : r.entries()) {
            sb.append(String.format(Locale.ROOT, "%-40s %6d %8d %6d %6d %7d %7d %8s%n", cut(e.entry(), 40), e.conversations(),
                    e.reachedFix(), e.fixed(), e.notFixed(), e.handedOff(), e.abandoned(), pct(e.resolutionRate())));
            for (Report.Leaf l : e.leaves()) {
                sb.append(String.format(Locale.ROOT, "  %-38s %6s %8d %6d %6d %7s %7s %8s%n", cut(l.node(), 38), "", l.reached(),
                        l.fixed(), l.notFixed(), "", "", pct(l.resolutionRate())));
            }
        }
        sb.append(String.format(Locale.ROOT, "%nAbandoned at%n"));
        for (Report.NodeCount n : r.abandonedAt()) {
            sb.append(String.format(Locale.ROOT, "  %4d  %s#%s%n", n.count(), n.entry(), n.node()));
        }
        sb.append(String.format(Locale.ROOT, "%nContent gaps, by people affected%n"));
        for (Gaps.Gap g : gaps) {
            sb.append(String.format(Locale.ROOT, "  %4d  %-24s %s%n", g.people(), g.id(), g.title()));
            for (Gaps.Input i : g.examples()) {
                sb.append("          \u201C").append(cut(i.text().replaceAll("\\s+", " "), 100)).append("\u201D\n");
            }
        }
        return sb.toString();
    }

    public static String html(Report r, List<Gaps.Gap> gaps) {
        StringBuilder sb = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Gateway Doctor outcomes</title><style>body{font:14px system-ui,sans-serif;margin:2em}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
                + "td:first-child,th:first-child{text-align:left}.leaf td:first-child{padding-left:2em}</style></head><body>\n");
        Report.Totals t = r.totals();
        sb.append("<h1>Outcomes</h1><p>").append(esc(r.since())).append(" to ").append(esc(r.until())).append(": ")
                .append(t.conversations()).append(" conversations, ").append(t.fixed()).append(" fixed, resolution ")
                .append(pct(t.resolutionRate())).append(", ").append(t.tickets()).append(" tickets.</p>\n");
        sb.append("<table><tr><th>entry / leaf</th><th>conversations</th><th>reached a fix</th><th>fixed</th><th>not fixed</th>"
                + "<th>handed off</th><th>abandoned</th><th>resolution</th></tr>\n");
        for (Report.EntryLine e : r.entries()) {
            sb.append("<tr><td>").append(esc(e.title())).append("</td><td>").append(e.conversations()).append("</td><td>")
                    .append(e.reachedFix()).append("</td><td>").append(e.fixed()).append("</td><td>").append(e.notFixed())
                    .append("</td><td>").append(e.handedOff()).append("</td><td>").append(e.abandoned()).append("</td><td>")
                    .append(pct(e.resolutionRate())).append("</td></tr>\n");
            for (Report.Leaf l : e.leaves()) {
                sb.append("<tr class=\"leaf\"><td>").append(esc(l.title())).append("</td><td></td><td>").append(l.reached())
                        .append("</td><td>").append(l.fixed()).append("</td><td>").append(l.notFixed())
                        .append("</td><td></td><td></td><td>").append(pct(l.resolutionRate())).append("</td></tr>\n");
            }
        }
        sb.append("</table>\n<h2>Content gaps</h2><ol>\n");
        for (Gaps.Gap g : gaps) {
            sb.append("<li><b>").append(g.people()).append("</b> ").append(esc(g.title())).append(" <code>").append(esc(g.id()))
                    .append("</code><ul>");
            for (Gaps.Input i : g.examples()) {
                sb.append("<li>").append(esc(cut(i.text(), 300))).append("</li>");
            }
            sb.append("</ul></li>\n");
        }
        return sb.append("</ol></body></html>\n").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : Entities.escape(s);
    }

    private static String pct(Double rate) {
        return rate == null ? "-" : String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    private static String cut(String s, int n) {
        return s == null ? "-" : s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }
}
