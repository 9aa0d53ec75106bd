package dev.gatewaydoctor.kb;

import java.util.List;

/** The JSON shapes of entries served by {@code /api/kb}: what clients may rely on. */
public final class KbView {

    private KbView() {}

    public record Summary(String id, String title, List<Integer> codes, List<String> tags) {
        public static Summary of(Entry e) {
            return new Summary(e.id(), e.title(), e.codes(), e.tags());
        }
    }

    public record Detail(
            String id,
            String title,
            List<Integer> codes,
            List<String> variants,
            List<String> audience,
            List<String> tags,
            List<String> related,
            List<String> evidence,
            String summary,
            String summaryHtml,
            FlowView flow) {

        public static Detail of(Entry e) {
            return of(e, Markdown.STRICT);
        }

        /** With node HTML rendered by {@code html} (which images survive). */
        public static Detail of(Entry e, Markdown html) {
            return new Detail(e.id(), e.title(), e.codes(), e.variants(),
                    e.audience().stream().map(Audience::key).toList(), e.tags(), e.related(),
                    e.evidence().stream().map(Evidence::label).toList(), e.summary(),
                    html.safeHtml(e.summary()), FlowView.of(e.flow(), html));
        }
    }

    public record FlowView(String root, List<NodeView> nodes) {
        static FlowView of(Flow f, Markdown html) {
            return new FlowView(f.root(), f.nodes().values().stream().map(n -> NodeView.of(n, html)).toList());
        }
    }

    public record NodeView(String id, String kind, String title, String text, String html, List<OptionView> options) {
        public static NodeView of(Node n, Markdown html) {
            return new NodeView(n.id(), n.kind(), n.title(), n.text(), html.safeHtml(n.text()),
                    n.options().stream().map(OptionView::of).toList());
        }
    }

    public record OptionView(String id, String label, String entry, String node) {
        static OptionView of(Option o) {
            if (o.target() instanceof Target.Jump j) {
                return new OptionView(o.id(), o.label(), j.entry(), j.node().orElse(null));
            }
            return new OptionView(o.id(), o.label(), null, ((Target.Step) o.target()).node());
        }
    }


}
