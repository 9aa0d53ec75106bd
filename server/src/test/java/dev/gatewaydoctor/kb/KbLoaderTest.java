package dev.gatewaydoctor.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KbLoaderTest {

    static final Path BAD = Path.of("server/src/test/resources/kb-bad");
    static final Path BUNDLED = Path.of("kb");

    @ParameterizedTest(name = "{0} -> {1}:{2}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-id           | entry.md  | 2  | missing id
            duplicate-id         | second.md | 2  | duplicate id 'same'
            unknown-field        | entry.md  | 5  | unknown field 'tgas'
            unknown-node         | entry.md  | 14 | links to unknown node '#nowhere'
            unreachable          | entry.md  | 13 | node 'orphan' is unreachable from the root 'start'
            cycle                | entry.md  | 9  | cycle: a -> b -> a
            invalid-regex        | entry.md  | 7  | invalid regular expression 'connect\\(\\) to (unix'
            invalid-unlike       | entry.md  | 7  | invalid regular expression 'file not found (404'
            invalid-option-regex | entry.md  | 14 | invalid regular expression '[unclosed'
            no-variants          | entry.md  | 4  | entry has no variants
            empty-node           | entry.md  | 15 | node 'empty' has empty text
            unknown-entry        | entry.md  | 13 | links to unknown entry 'nothing-here.md'
            bad-glossary         | glossary.fr.txt | 3 | has no word
            bad-glossary         | glossary.fr.txt | 4 | with one '=>'
            """)
    void a_bad_kb_is_rejected_with_file_line_and_message(String kbCase, String file, int line, String message) {
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(BAD.resolve(kbCase))));
        Problem p = e.problems().stream().filter(x -> x.message().contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem says '" + message + "' in " + e.problems()));
        assertEquals(BAD.resolve(kbCase).resolve(file), p.file());
        assertEquals(line, p.line(), p.toString());
    }

    @Test
    void every_problem_is_reported_at_once() throws IOException {
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(BAD.resolve("unknown-node"), BAD.resolve("cycle"))));
        assertTrue(e.problems().size() >= 2, e.problems().toString());
    }

    @Test
    void the_bundled_kb_loads_and_every_tree_is_sound() throws KbException {
        Kb kb = KbLoader.load(List.of(BUNDLED));
        for (Entry entry : kb.list()) {
            for (Node node : entry.flow().nodes().values()) {
                if (node instanceof Node.Question q) {
                    assertTrue(!q.options().isEmpty());
                }
            }
            assertEveryPathEndsAtAFix(kb, entry);
        }
    }

    /** From every entry's root, every path reaches a fix or an explicit end (possibly via other entries). */
    static void assertEveryPathEndsAtAFix(Kb kb, Entry entry) {
        for (Node node : entry.flow().nodes().values()) {
            if (node.options().isEmpty()) {
                assertTrue(node instanceof Node.Fix || node instanceof Node.End, entry.id() + "#" + node.id());
                assertTrue(!node.text().isBlank(), entry.id() + "#" + node.id() + " has no text");
            }
            for (Option o : node.options()) {
                if (o.target() instanceof Target.Jump j) {
                    Entry other = kb.expectEntry(j.entry());
                    j.node().ifPresent(n -> assertTrue(other.flow().node(n).isPresent(), o.id()));
                }
            }
        }
        assertTrue(entry.flow().nodes().values().stream().anyMatch(n -> n instanceof Node.Fix),
                entry.id() + " has no fix at all");
    }

    @Test
    void the_example_in_the_authoring_guide_validates(@TempDir Path dir) throws Exception {
        String guide = Files.readString(BUNDLED.resolve("README.md"));
        Matcher m = Pattern.compile("````markdown\\n(.*?)````", Pattern.DOTALL).matcher(guide);
        assertTrue(m.find(), "kb/README.md has a ````markdown example");
        Files.writeString(dir.resolve("disk-full.md"), m.group(1));
        // The example relates to a bundled entry, so it is layered over the bundled KB.
        Kb kb = KbLoader.load(List.of(BUNDLED, dir));
        Entry e = kb.expectEntry("disk-full");
        assertEquals("check-space", e.flow().root());
        Node.Question q = assertInstanceOf(Node.Question.class, e.flow().rootNode());
        assertEquals(List.of("free-space", "not-disk"), q.options().stream().map(Option::id).toList());
        assertEquals(1, q.options().get(0).evidence().size());
        assertTrue(q.options().get(0).evidence().get(0).find("write error: No space left on device").isPresent());
        assertInstanceOf(Node.End.class, e.flow().node("not-disk").orElseThrow());
        assertEquals("the disk is not the cause", e.flow().node("not-disk").orElseThrow().title());
    }

    @Test
    void a_later_folder_replaces_an_entry_with_the_same_id(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("502-seo.md"), """
                ---
                id: 502-seo
                title: Our own SEO guide
                variants: ["ACME rankings dropped"]
                ---

                # Our own SEO guide

                ## <a id="call-us"></a>Call us

                Phone the ACME desk.
                """);
        Kb base = KbLoader.load(List.of(BUNDLED));
        Kb layered = KbLoader.load(List.of(BUNDLED, dir));
        assertEquals(base.size(), layered.size());
        assertEquals("Our own SEO guide", layered.expectEntry("502-seo").title());
    }

    @Test
    void replacing_an_entry_without_a_node_others_link_to_is_reported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("dns.md"), """
                ---
                id: dns
                title: Our own DNS guide
                variants: ["ACME DNS says no"]
                ---

                # Our own DNS guide

                ## <a id="call-us"></a>Call us

                Phone the ACME desk.
                """);
        KbException e = assertThrows(KbException.class, () -> KbLoader.load(List.of(BUNDLED, dir)));
        Problem p = e.problems().stream().filter(x -> x.message().contains("has no node '#")).findFirst()
                .orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals(dir.resolve("dns.md"), p.file(), "blamed on the replacing file: " + p);
        assertTrue(p.message().contains("this entry replaces kb/dns.md"), p.message());
    }

    @Test
    void a_pattern_that_backtracks_forever_is_given_up_not_hung() {
        Evidence evil = new Evidence("evil", List.of(Pattern.compile("(a+)+b")), 1);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> assertTrue(evil.find("a".repeat(40) + "c").isEmpty()));
    }
}
