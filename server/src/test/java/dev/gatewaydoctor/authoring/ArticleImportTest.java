package dev.gatewaydoctor.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.Entry;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Node;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleImportTest {

    static final Path ARTICLES = Path.of("server/src/test/resources/authoring/articles");

    static Entry imported(String article, Path dir) throws Exception {
        ArticleImport.Draft draft = ArticleImport.from(Files.readString(ARTICLES.resolve(article), StandardCharsets.UTF_8), null);
        Files.writeString(dir.resolve(draft.id() + ".md"), draft.markdown());
        Kb kb = KbLoader.load(List.of(dir));
        assertEquals(List.of(), kb.warnings(), draft.markdown());
        return kb.expectEntry(draft.id());
    }

    @Test
    void a_sectioned_article_becomes_nodes_with_steps_and_its_quoted_wordings_become_variants(@TempDir Path dir) throws Exception {
        Entry e = imported("resource-limit.html", dir);
        assertEquals("your-site-shows-508-resource-limit-is-reached", e.id());
        assertEquals("Your site shows \"508 Resource Limit Is Reached\"", e.title());
        assertTrue(e.summary().startsWith("Every shared hosting account has limits"), e.summary());
        assertTrue(e.variants().contains("The website is temporarily unable to service your request as it exceeded resource limit"),
                e.variants().toString());
        assertTrue(e.variants().stream().anyMatch(v -> v.contains("[lsapi:error]")), "the pasted log line: " + e.variants());
        // root -> the two h2 sections; "How to fix it" asks which of its h3 sub-sections
        Node.Question root = (Node.Question) e.flow().rootNode();
        assertEquals(List.of("Why it happens", "How to fix it"), root.options().stream().map(o -> o.label()).toList());
        Node.Question fix = (Node.Question) e.flow().node("how-to-fix-it").orElseThrow();
        assertEquals(2, fix.options().size());
        String steps = e.flow().node("find-the-busy-script").orElseThrow().text();
        assertTrue(steps.contains("1. Open **Resource Usage**") && steps.contains("3. Compare them"), steps);
        // page furniture is gone; the table it could not place is kept for the author
        String md = Files.readString(dir.resolve(e.id() + ".md"));
        assertTrue(!md.contains("Related articles") && !md.contains("analytics") && !md.contains("© Example"), md);
        assertTrue(md.contains("<!-- import: not placed") && md.contains("Entry processes"), md);
    }

    @Test
    void an_article_without_sections_keeps_its_definitions_and_finds_the_status_lines(@TempDir Path dir) throws Exception {
        Entry e = imported("mail-bounces.html", dir);
        assertEquals("why-did-my-e-mail-bounce", e.id());
        assertTrue(e.variants().contains("452 4.2.2 The email account that you tried to reach is over quota"), e.variants().toString());
        assertTrue(e.variants().contains("451 4.7.1 Greylisted, please try again in 300 seconds"), e.variants().toString());
        assertTrue(e.variants().contains("User unknown"), e.variants().toString());
        String all = String.join("\n", e.flow().nodes().values().stream().map(Node::text).toList());
        assertTrue(all.contains("**The bounce says the mailbox is full**"), all);
        assertTrue(all.contains("Still stuck?"), all);
    }

    @Test
    void nested_containers_blockquotes_and_link_bullets_import_without_becoming_options(@TempDir Path dir) throws Exception {
        Entry e = imported("certificate-expired.html", dir);
        assertEquals("browsers-say-my-certificate-has-expired", e.id());
        assertTrue(e.variants().stream().anyMatch(v -> v.startsWith("Your connection is not private.")), e.variants().toString());
        assertTrue(e.variants().contains("This Connection Is Not Private"), e.variants().toString());
        Node renew = e.flow().node("renew-a-free-certificate").orElseThrow();
        assertTrue(renew instanceof Node.Fix, "a bullet list ending in a link stays text: " + renew);
        assertTrue(renew.text().contains("See [Read how automatic renewal works](https://example.com/docs/autossl)"), renew.text());
        assertEquals(List.of("Check when it expired", "Renew a free certificate", "Renew a paid certificate"),
                ((Node.Question) e.flow().rootNode()).options().stream().map(o -> o.label()).toList());
        assertTrue(!String.join(" ", e.flow().nodes().values().stream().map(Node::text).toList()).contains("Was this article helpful"));
    }
}
