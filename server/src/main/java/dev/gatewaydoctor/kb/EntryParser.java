package dev.gatewaydoctor.kb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Reads one entry file: YAML front matter, then a Markdown body whose {@code ##} headings are the
 * nodes of a decision tree. Checks everything that can be checked within one file and reports each
 * problem with its line; cross-entry links are checked by {@link KbLoader}.
 */
final class EntryParser {

    static final Set<String> FIELDS =
            Set.of("id", "lang", "title", "codes", "variants", "audience", "tags", "related", "evidence", "unlike");
    /** Fields a translation takes from its entry: they do not depend on the language. */
    static final Set<String> LANGUAGE_NEUTRAL = Set.of("codes", "audience", "tags", "related", "evidence", "unlike");
    private static final Pattern LANG = Pattern.compile("[a-z]{2}(-[a-z]{2})?");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern OPTION_LINK = Pattern.compile("(?:([a-z0-9][a-z0-9-]*)\\.md)?(?:#([a-z0-9][a-z0-9-]*))?");
    private static final String END_MARKER = "End:";
    private static final String EVIDENCE_MARKER = "evidence:";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Parser MARKDOWN =
            Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    /** A UTF-8 byte-order mark, which some Windows editors write at the start of a file. */
    private static final char BOM = '\uFEFF';

    private final Path file;
    private final List<Problem> problems;
    private final List<String> lines;
    private final boolean bom;

    private EntryParser(Path file, String content, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
        this.bom = !content.isEmpty() && content.charAt(0) == BOM;
        this.lines = (bom ? content.substring(1) : content).replace("\r\n", "\n").lines().toList();
    }

    /** Parses one file; adds every problem found to {@code problems}; empty when unusable. */
    static Optional<Entry> parse(Path file, String content, List<Problem> problems) {
        return read(file, content, problems).map(Parsed::entry);
    }

    /**
     * An entry with the language its front matter names.
     *
     * @param lang null for an entry, a code such as {@code de} for a translation of the entry with the same id
     */
    record Parsed(Entry entry, String lang) {}

    static Optional<Parsed> read(Path file, String content, List<Problem> problems) {
        EntryParser p = new EntryParser(file, content, problems);
        return p.parse().map(e -> new Parsed(e, p.lang));
    }

    private String lang;

    private void problem(int line, String message) {
        problems.add(new Problem(file, line, message));
    }

    private void warning(int line, String message) {
        problems.add(Problem.warning(file, line, message));
    }

    private long errors() {
        return problems.stream().filter(p -> !p.isWarning()).count();
    }

    private Optional<Entry> parse() {
        long before = errors();
        if (bom) {
            warning(1, "the file starts with a UTF-8 byte-order mark; it is ignored, but save the file as UTF-8"
                    + " without BOM so other tools read the front matter too");
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            problem(1, "missing front matter: the file must start with a line '---'");
            return Optional.empty();
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            problem(1, "front matter is not closed by a line '---'");
            return Optional.empty();
        }
        FrontMatter fm = frontMatter(String.join("\n", lines.subList(1, close)));
        if (fm == null) {
            return Optional.empty();
        }
        Body body = body(close + 1);
        if (errors() > before || body == null) {
            return Optional.empty();
        }
        String expectedName = fm.id + ".md";
        if (file.getFileName() != null && !file.getFileName().toString().equals(expectedName)) {
            warning(fm.lines.getOrDefault("/id", 2), "file name '" + file.getFileName() + "' differs from the id '"
                    + fm.id + "': rename the file to " + expectedName + " so links between entries also work on GitHub");
        }
        optionEvidenceOnOwnWordings(fm, body.flow);
        return Optional.of(new Entry(fm.id, fm.title, fm.codes, fm.variants, fm.audience, fm.tags,
                fm.related, fm.evidence, fm.unlike, body.summary, body.flow, file, fm.lines));
    }

    /**
     * An option's evidence that is found in most of the entry's own wordings answers its question
     * on the very first paste of the page or log the entry is about, so the question is never
     * asked. Evidence found in one or two wordings is usually meant (a log line variant that does
     * answer the question); found in most of them, the pattern is too loose.
     */
    private void optionEvidenceOnOwnWordings(FrontMatter fm, Flow flow) {
        if (fm.variants.size() < 2) {
            return;
        }
        for (Node node : flow.nodes().values()) {
            for (Option option : node.options()) {
                for (Evidence e : option.evidence()) {
                    List<String> found = fm.variants.stream().filter(v -> e.find(v).isPresent()).toList();
                    if (found.size() >= 2 && found.size() * 2 > fm.variants.size()) {
                        warning(e.line(), "the evidence of option '" + option.label() + "' (node '" + node.id()
                                + "') matches " + found.size() + " of the entry's " + fm.variants.size()
                                + " variants, e.g. \"" + abbreviate(found.get(0)) + "\": pasting what the entry is"
                                + " about would answer the question without asking it; make the pattern more specific");
                    }
                }
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    // ---- front matter ----------------------------------------------------------------------

    private static final class FrontMatter {
        String id;
        String title;
        List<Integer> codes = List.of();
        List<String> variants = List.of();
        List<Audience> audience = List.of();
        List<String> tags = List.of();
        List<String> related = List.of();
        List<Evidence> evidence = List.of();
        List<Evidence> unlike = List.of();
        Map<String, Integer> lines = Map.of();
    }

    /** Front-matter line numbers by JSON pointer, so messages can point at the offending value. */
    private Map<String, Integer> yamlLines(String yaml) throws IOException {
        Map<String, Integer> at = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                    // the first line of front matter is the file's line 2
                    at.putIfAbsent(p.getParsingContext().pathAsPointer().toString(),
                            p.currentTokenLocation().getLineNr() + 1);
                }
            }
        }
        return at;
    }

    private FrontMatter frontMatter(String yaml) {
        JsonNode root;
        Map<String, Integer> at;
        try {
            root = YAML.readTree(yaml);
            at = yamlLines(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr() + 1;
            problem(line, "front matter is not valid YAML: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            problem(1, "front matter cannot be read: " + e.getMessage());
            return null;
        }
        if (root == null || !root.isObject()) {
            problem(2, "front matter must be a YAML mapping of fields");
            return null;
        }
        FrontMatter fm = new FrontMatter();
        fm.lines = at;
        root.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problem(line(at, "/" + name), "unknown field '" + name + "' (allowed: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        });
        fm.id = text(root, at, "id");
        if (fm.id == null) {
            problem(2, "missing id");
        } else if (!ID.matcher(fm.id).matches()) {
            problem(line(at, "/id"), "id '" + fm.id + "' must be lowercase letters, digits and dashes");
        }
        lang = text(root, at, "lang");
        if (lang != null && !LANG.matcher(lang).matches()) {
            problem(line(at, "/lang"), "lang '" + lang + "' must be a language code such as 'de' or 'pt-br'");
        }
        if (lang != null) {
            for (String neutral : LANGUAGE_NEUTRAL) {
                if (root.has(neutral)) {
                    problem(line(at, "/" + neutral), "a translation takes '" + neutral + "' from its entry: leave it out");
                }
            }
        }
        fm.title = text(root, at, "title");
        if (fm.title == null) {
            problem(2, "missing title");
        }
        fm.codes = strings(root, at, "codes").stream().flatMap(s -> {
            if (s.matches("[1-5]\\d\\d")) {
                return java.util.stream.Stream.of(Integer.parseInt(s));
            }
            problem(line(at, "/codes"), "code '" + s + "' is not an HTTP status code");
            return java.util.stream.Stream.empty();
        }).toList();
        fm.variants = strings(root, at, "variants");
        if (fm.variants.isEmpty()) {
            problem(line(at, "/variants"), "entry has no variants: list the wordings users see under 'variants'");
        }
        fm.audience = strings(root, at, "audience").stream().flatMap(s -> {
            Optional<Audience> a = Audience.byKey(s);
            if (a.isEmpty()) {
                problem(line(at, "/audience"), "unknown audience '" + s + "' (allowed: visitor, site-owner, server-admin)");
            }
            return a.stream();
        }).toList();
        fm.tags = strings(root, at, "tags");
        fm.related = strings(root, at, "related");
        fm.evidence = evidence(root, at, "evidence");
        fm.unlike = evidence(root, at, "unlike");
        return fm;
    }

    private int line(Map<String, Integer> at, String pointer) {
        return at.getOrDefault(pointer, 2);
    }

    private String text(JsonNode root, Map<String, Integer> at, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            problem(line(at, "/" + field), "'" + field + "' must be a non-empty text");
            return null;
        }
        return v.asText().strip();
    }

    private List<String> strings(JsonNode root, Map<String, Integer> at, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problem(line(at, "/" + field), "'" + field + "' must be a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                problem(line(at, "/" + field + "/" + i), "'" + field + "' item " + (i + 1) + " must be a non-empty text");
            } else {
                out.add(item.asText().strip());
            }
        }
        return out;
    }

    /** A list of {label, pattern} or {label, all} items: {@code evidence} and {@code unlike} share the shape. */
    private List<Evidence> evidence(JsonNode root, Map<String, Integer> at, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problem(line(at, "/" + field), "'" + field + "' must be a list of {label, pattern} or {label, all}");
            return List.of();
        }
        List<Evidence> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String base = "/" + field + "/" + i;
            JsonNode item = v.get(i);
            int itemLine = line(at, base);
            if (!item.isObject()) {
                problem(itemLine, field + " item " + (i + 1) + " must have a label and a pattern");
                continue;
            }
            item.fieldNames().forEachRemaining(name -> {
                if (!Set.of("label", "pattern", "all").contains(name)) {
                    problem(line(at, base + "/" + name), "unknown " + field + " field '" + name + "' (allowed: label, pattern, all)");
                }
            });
            JsonNode label = item.get("label");
            if (label == null || !label.isValueNode() || label.asText().isBlank()) {
                problem(itemLine, field + " item " + (i + 1) + " has no label");
                continue;
            }
            List<String> sources = new ArrayList<>();
            List<String> pointers = new ArrayList<>();
            if (item.hasNonNull("pattern")) {
                sources.add(item.get("pattern").asText());
                pointers.add(base + "/pattern");
            }
            JsonNode all = item.get("all");
            if (all != null && all.isArray()) {
                for (int j = 0; j < all.size(); j++) {
                    sources.add(all.get(j).asText());
                    pointers.add(base + "/all/" + j);
                }
            }
            if (sources.isEmpty() || sources.stream().anyMatch(String::isBlank)) {
                problem(itemLine, field + " item '" + label.asText() + "' needs a 'pattern' or a non-empty list 'all'");
                continue;
            }
            List<Pattern> compiled = new ArrayList<>();
            for (int j = 0; j < sources.size(); j++) {
                compile(sources.get(j), line(at, pointers.get(j))).ifPresent(compiled::add);
            }
            if (compiled.size() == sources.size()) {
                out.add(new Evidence(label.asText().strip(), compiled, itemLine));
            }
        }
        return out;
    }

    private Optional<Pattern> compile(String regex, int line) {
        try {
            return Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE));
        } catch (PatternSyntaxException e) {
            problem(line, "invalid regular expression '" + regex + "': " + e.getDescription());
            return Optional.empty();
        }
    }

    // ---- body ------------------------------------------------------------------------------

    private record Body(String summary, Flow flow) {}

    /** A node as written, before its links are checked. */
    private record Draft(String id, String title, boolean end, int line, int textFrom, int textTo, List<Option> options) {}

    private Body body(int firstLine) {
        String source = String.join("\n", lines.subList(firstLine, lines.size()));
        Document doc = (Document) MARKDOWN.parse(source);
        List<Draft> drafts = new ArrayList<>();
        String title = null;
        int summaryFrom = -1;
        int summaryTo = -1;
        // node under construction
        Heading open = null;
        int openFrom = -1;
        int openTo = -1;
        org.commonmark.node.Node last = null;

        for (org.commonmark.node.Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            int from = startLine(block);
            int to = endLine(block);
            if (block instanceof Heading h && h.getLevel() <= 2) {
                if (open != null) {
                    drafts.add(draft(open, openFrom, openTo, last, firstLine));
                }
                if (h.getLevel() == 1) {
                    if (title == null) {
                        title = plainText(h);
                    }
                    open = null;
                } else {
                    open = h;
                    openFrom = -1;
                    openTo = -1;
                    last = null;
                }
                continue;
            }
            if (open == null) {
                if (!drafts.isEmpty()) {
                    continue; // after a level-1 heading that follows nodes: ignored, unusual
                }
                summaryFrom = summaryFrom < 0 ? from : summaryFrom;
                summaryTo = to;
            } else {
                openFrom = openFrom < 0 ? from : openFrom;
                openTo = to;
                last = block;
            }
        }
        if (open != null) {
            drafts.add(draft(open, openFrom, openTo, last, firstLine));
        }
        if (title == null) {
            problem(firstLine + 1, "missing '# Title' heading before the decision tree");
        }
        if (drafts.isEmpty()) {
            problem(firstLine + 1, "entry has no decision tree: add '## <a id=\"...\"></a>Heading' nodes");
            return null;
        }
        String summary = summaryFrom < 0 ? "" : slice(firstLine, summaryFrom, summaryTo);
        return new Body(summary, flow(drafts, firstLine));
    }

    private Draft draft(Heading h, int from, int to, org.commonmark.node.Node last, int offset) {
        int line = offset + startLine(h) + 1;
        String id = null;
        for (org.commonmark.node.Node n = h.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof HtmlInline html) {
                Element a = Jsoup.parseBodyFragment(html.getLiteral()).selectFirst("a[id]");
                if (a != null) {
                    id = a.id();
                    break;
                }
            }
        }
        String heading = plainText(h);
        String title = heading;
        boolean end = title.startsWith(END_MARKER);
        if (end) {
            title = title.substring(END_MARKER.length()).strip();
        }
        if (id == null) {
            problem(line, "node '" + title + "' has no anchor: write '## <a id=\"some-id\"></a>" + heading + "'");
        } else if (!ID.matcher(id).matches()) {
            problem(line, "anchor '" + id + "' must be lowercase letters, digits and dashes");
        }
        List<Option> options = List.of();
        int textTo = to;
        if (last instanceof BulletList list) {
            Optional<List<Option>> parsed = options(list, offset);
            if (parsed.isPresent()) {
                options = parsed.get();
                textTo = previousEnd(list);
            }
        }
        if (end && !options.isEmpty()) {
            problem(line, "node '" + id + "' is marked End: but has options");
        }
        return new Draft(id, title, end, line, from, textTo, options);
    }

    /** The options of a bullet list whose every item starts with a link to a node or entry. */
    private Optional<List<Option>> options(BulletList list, int offset) {
        List<Option> out = new ArrayList<>();
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item.getFirstChild() instanceof Paragraph p) || !(p.getFirstChild() instanceof Link link)) {
                return Optional.empty();
            }
            var m = OPTION_LINK.matcher(link.getDestination());
            if (link.getDestination().isEmpty() || !m.matches()) {
                return Optional.empty();
            }
            Target target = m.group(1) == null
                    ? new Target.Step(m.group(2))
                    : new Target.Jump(m.group(1), Optional.ofNullable(m.group(2)));
            List<Evidence> evidence = new ArrayList<>();
            for (org.commonmark.node.Node sub = p.getNext(); sub != null; sub = sub.getNext()) {
                if (sub instanceof BulletList nested) {
                    for (org.commonmark.node.Node n = nested.getFirstChild(); n != null; n = n.getNext()) {
                        optionEvidence((ListItem) n, offset).ifPresent(evidence::add);
                    }
                }
            }
            // Two answers may lead to the same place; their ids still differ.
            String id = target.ref();
            int twin = 1;
            for (Option earlier : out) {
                if (earlier.target().ref().equals(target.ref())) {
                    twin++;
                }
            }
            if (twin > 1) {
                id = id + "~" + twin;
            }
            out.add(new Option(id, plainText(link), target, evidence, offset + startLine(item) + 1));
        }
        return Optional.of(out);
    }

    /** {@code evidence: `regex` What it means.} under an option. */
    private Optional<Evidence> optionEvidence(ListItem item, int offset) {
        int line = offset + startLine(item) + 1;
        if (!(item.getFirstChild() instanceof Paragraph p) || !(p.getFirstChild() instanceof Text lead)
                || !lead.getLiteral().strip().toLowerCase(java.util.Locale.ROOT).startsWith(EVIDENCE_MARKER)) {
            return Optional.empty();
        }
        // "evidence: \\[error\\] ..." without backticks would otherwise be read as plain text and dropped
        if (!lead.getLiteral().strip().equalsIgnoreCase(EVIDENCE_MARKER) || !(lead.getNext() instanceof Code code)) {
            problem(line, "option evidence needs its pattern in backticks: write evidence: `PATTERN` and then a"
                    + " sentence saying what it shows");
            return Optional.empty();
        }
        StringBuilder said = new StringBuilder();
        for (org.commonmark.node.Node n = code.getNext(); n != null; n = n.getNext()) {
            said.append(plainText(n));
        }
        String label = said.toString().strip();
        if (label.isEmpty()) {
            problem(line, "option evidence needs a sentence after the pattern saying what it shows");
            return Optional.empty();
        }
        return compile(code.getLiteral(), line).map(pattern -> new Evidence(label, List.of(pattern), line));
    }

    private Flow flow(List<Draft> drafts, int offset) {
        Map<String, Draft> byId = new LinkedHashMap<>();
        for (Draft d : drafts) {
            if (d.id == null) {
                continue;
            }
            if (byId.containsKey(d.id)) {
                problem(d.line, "duplicate anchor '" + d.id + "' (first at line " + byId.get(d.id).line + ")");
            } else {
                byId.put(d.id, d);
            }
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (Draft d : byId.values()) {
            String text = d.textFrom < 0 || d.textTo < d.textFrom ? "" : slice(offset, d.textFrom, d.textTo);
            if (text.isBlank()) {
                problem(d.line, "node '" + d.id + "' has empty text");
            }
            for (Option o : d.options) {
                if (o.target() instanceof Target.Step s && !byId.containsKey(s.node())) {
                    problem(o.line(), "option '" + o.label() + "' of node '" + d.id + "' links to unknown node '#" + s.node() + "'");
                }
            }
            Node node;
            if (!d.options.isEmpty()) {
                node = new Node.Question(d.id, d.title, text, d.options, d.line);
            } else if (d.end) {
                node = new Node.End(d.id, d.title, text, d.line);
            } else {
                node = new Node.Fix(d.id, d.title, text, d.line);
            }
            nodes.put(d.id, node);
        }
        String root = drafts.get(0).id;
        if (root != null) {
            checkShape(root, nodes);
        }
        return new Flow(root == null ? "" : root, nodes);
    }

    /** Every node reachable from the root; no cycle through links inside the entry. */
    private void checkShape(String root, Map<String, Node> nodes) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        visit(root, nodes, state, new ArrayList<>());
        for (Node n : nodes.values()) {
            if (!state.containsKey(n.id())) {
                problem(n.line(), "node '" + n.id() + "' is unreachable from the root '" + root + "'");
            }
        }
    }

    private void visit(String id, Map<String, Node> nodes, Map<String, Integer> state, List<String> path) {
        Node n = nodes.get(id);
        if (n == null) {
            return;
        }
        Integer s = state.get(id);
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            problem(n.line(), "cycle: " + String.join(" -> ", cycle));
            return;
        }
        if (s != null) {
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (Option o : n.options()) {
            if (o.target() instanceof Target.Step step) {
                visit(step.node(), nodes, state, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static int startLine(org.commonmark.node.Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(0).getLineIndex();
    }

    private static int endLine(org.commonmark.node.Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        return spans.isEmpty() ? 0 : spans.get(spans.size() - 1).getLineIndex();
    }

    private static int previousEnd(org.commonmark.node.Node n) {
        return n.getPrevious() == null || n.getPrevious() instanceof Heading ? -1 : endLine(n.getPrevious());
    }

    /** Body lines {@code from..to} (body-relative, inclusive) as written. */
    private String slice(int offset, int from, int to) {
        return String.join("\n", lines.subList(offset + from, offset + to + 1)).strip();
    }

    private static String plainText(org.commonmark.node.Node node) {
        StringBuilder sb = new StringBuilder();
        collect(node, sb);
        return sb.toString().strip().replaceAll("\\s+", " ");
    }

    private static void collect(org.commonmark.node.Node node, StringBuilder sb) {
        if (node instanceof Text t) {
            sb.append(t.getLiteral());
        } else if (node instanceof Code c) {
            sb.append(c.getLiteral());
        } else if (node instanceof org.commonmark.node.SoftLineBreak || node instanceof org.commonmark.node.HardLineBreak) {
            sb.append(' ');
        }
        for (org.commonmark.node.Node c = node.getFirstChild(); c != null; c = c.getNext()) {
            collect(c, sb);
        }
    }
}
