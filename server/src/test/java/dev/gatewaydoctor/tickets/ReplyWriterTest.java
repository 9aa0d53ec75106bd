package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplyWriterTest {

    static final Path KB = Path.of("server/src/test/resources/tickets/kb");
    private static Kb kb;
    private final ReplyWriter writer = new ReplyWriter("Hosting Example support");

    @BeforeAll
    static void load() throws KbException {
        kb = KbLoader.load(List.of(KB));
    }

    @Test
    void the_tree_becomes_a_checklist_in_tree_order_with_its_fixes_under_the_answers() {
        ReplyWriter.Reply r = writer.about("Jane Doe <jane@example.org>", List.of(kb.expectEntry("disk-full")), kb);
        String t = r.text();
        assertTrue(t.startsWith("Hello Jane Doe,"), t);
        assertTrue(t.contains("this is most likely: The server's disk is full."), t);
        int first = t.indexOf("1. Check: Is the disk full?");
        int second = t.indexOf("2. Check: Is it the logs that grew?");
        assertTrue(first > 0 && second > first, t);
        assertTrue(t.contains("If yes, it is at 100 %: go on with check 2."), t);
        assertTrue(t.contains("If no, there is space left: the disk is not the cause."), t);
        assertTrue(t.contains("If I cannot log in to the server: this points to a different problem: Logs are never rotated."), t);
        assertTrue(t.contains("If yes, the logs: Free some space"), t);
        assertTrue(t.contains("If no, something else: Free some space (see above)."), t);
        // Commands stay on their own lines, indented under their answer.
        assertTrue(t.contains("\n         sudo journalctl --vacuum-size=200M\n         sudo systemctl reload nginx"), t);
        assertTrue(t.contains("If the problem persists"), t);
        assertTrue(t.strip().endsWith("Best regards,\nHosting Example support"), t);
    }

    @Test
    void links_inside_the_knowledge_base_become_plain_words() {
        ReplyWriter.Reply r = writer.about(null, List.of(kb.expectEntry("disk-full")), kb);
        assertTrue(r.text().startsWith("Hello,"));
        assertTrue(r.text().contains("as explained in the first check:"), r.text());
        assertFalse(r.html().contains("href=\"#check-space\""), r.html());
        assertTrue(r.html().contains("<pre><code"), r.html());
    }

    @Test
    void a_second_problem_gets_its_own_shorter_part() {
        ReplyWriter.Reply r = writer.about(null, List.of(kb.expectEntry("disk-full"), kb.expectEntry("log-rotation")), kb);
        assertTrue(r.text().contains("You also mentioned something else, which looks like: Logs are never rotated."), r.text());
        assertTrue(r.text().contains("Please try this: Rotate the logs"), r.text());
    }

    @Test
    void a_sender_name_with_markup_is_written_as_text() {
        ReplyWriter.Reply r = writer.about("\"<script>alert(1)</script> [x](https://evil.example)\" <a@example.org>",
                List.of(kb.expectEntry("log-rotation")), kb);
        assertFalse(r.html().contains("<script>"), r.html());
        assertFalse(r.html().contains("href=\"https://evil.example\""), r.html());
        assertTrue(r.text().startsWith("Hello <script>alert(1)</script> [x](https://evil.example),"), r.text());
    }

    @Test
    void a_holding_reply_asks_for_what_helps_and_names_no_problem() {
        ReplyWriter.Reply r = writer.holding("support-bot@example.org");
        assertTrue(r.text().startsWith("Hello,\n"), r.text());
        assertTrue(r.text().contains("a member of our team will look into it"), r.text());
        assertFalse(r.text().contains("most likely"));
        assertFalse(r.text().contains("steps above"), r.text());
    }

    @Test
    void sender_names_come_from_the_address_display_name() {
        assertEquals("Maria Lopez", ReplyWriter.name("Maria Lopez <maria@example.org>"));
        assertEquals("", ReplyWriter.name("maria@example.org"));
        assertEquals("", ReplyWriter.name("not an address <<"));
    }
}
