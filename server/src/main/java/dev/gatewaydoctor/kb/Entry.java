package dev.gatewaydoctor.kb;

import java.nio.file.Path;
import java.util.List;

/**
 * One error family, cause or fix: what users see, how to recognise it and how to walk to a fix.
 *
 * @param summary Markdown paragraphs under the entry's title
 * @param file the file the entry was read from
 * @param lines front-matter line numbers by JSON pointer ({@code /related/0}), for messages
 */
public record Entry(
        String id,
        String title,
        List<Integer> codes,
        List<String> variants,
        List<Audience> audience,
        List<String> tags,
        List<String> related,
        List<Evidence> evidence,
        String summary,
        Flow flow,
        Path file,
        java.util.Map<String, Integer> lines) {

    public Entry {
        codes = List.copyOf(codes);
        variants = List.copyOf(variants);
        audience = List.copyOf(audience);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        evidence = List.copyOf(evidence);
        lines = java.util.Map.copyOf(lines);
    }

    /** An entry built in code, with no source lines. */
    public Entry(String id, String title, List<Integer> codes, List<String> variants, List<Audience> audience,
                 List<String> tags, List<String> related, List<Evidence> evidence, String summary, Flow flow, Path file) {
        this(id, title, codes, variants, audience, tags, related, evidence, summary, flow, file, java.util.Map.of());
    }

    /** The line of a front-matter value ({@code /related/1}), else of its field, else the id's line. */
    public int line(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
        }
        return lines.getOrDefault("/id", 2);
    }
}
