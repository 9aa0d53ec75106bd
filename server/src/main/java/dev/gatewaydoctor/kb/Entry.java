package dev.gatewaydoctor.kb;

import java.nio.file.Path;
import java.util.List;

/**
 * One error family, cause or fix: what users see, how to recognise it and how to walk to a fix.
 *
 * @param evidence patterns that, found in a text, show it is about this entry
 * @param unlike patterns of look-alikes: inputs that share this entry's words (its software, its
 *     page template) but are another problem the KB does not cover, so they must not match it
 * @param summary Markdown paragraphs under the entry's title
 * @param file the file the entry was read from
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
        List<Evidence> unlike,
        String summary,
        Flow flow,
        Path file) {

    public Entry {
        codes = List.copyOf(codes);
        variants = List.copyOf(variants);
        audience = List.copyOf(audience);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        evidence = List.copyOf(evidence);
        unlike = List.copyOf(unlike);
    }
}
