package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MrkdwnTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', textBlock = """
            **bold** text => *bold* text
            __bold__ too => *bold* too
            *em* and _em_ => _em_ and _em_
            run `df -h` now => run `df -h` now
            see [the docs](https://example.org/a?b=1&c=2) => see <https://example.org/a?b=1&amp;c=2|the docs>
            <https://example.org/> => <https://example.org/>
            [next step](#free-space) please => next step please
            [other entry](dns.md#flush) helps => other entry helps
            a < b & c > d => a &lt; b &amp; c &gt; d
            `<script>` => `&lt;script&gt;`
            x <b>bold?</b> y => x bold? y
            ## A heading => *A heading*
            [pipe](https://example.org/a|b>c) => <https://example.org/a%7Cb%3Ec|pipe>
            """)
    void markdown_becomes_slack_mrkdwn(String markdown, String mrkdwn) {
        assertEquals(mrkdwn, Mrkdwn.fromMarkdown(markdown));
    }

    @Test
    void code_blocks_are_kept_as_triple_backticks_and_escaped() {
        String md = "Run this:\n\n```sh\nsudo du -xh / | sort -h > /tmp/x\n```\n\nThen reload.";
        assertEquals("Run this:\n\n```\nsudo du -xh / | sort -h &gt; /tmp/x\n```\n\nThen reload.", Mrkdwn.fromMarkdown(md));
    }

    @Test
    void lists_get_bullets_and_numbers_with_nested_content_indented() {
        String md = """
                1. Start it: `systemctl start app`.
                2. Look at why it stopped:

                   ```
                   journalctl -u app
                   ```

                3. Reload the page.

                - one
                - two
                """;
        String out = Mrkdwn.fromMarkdown(md);
        assertTrue(out.startsWith("1. Start it: `systemctl start app`.\n2. Look at why it stopped:\n    ```\n    journalctl -u app\n    ```\n3. Reload"), out);
        assertTrue(out.endsWith("\u2022 one\n\u2022 two"), out);
    }

    @Test
    void soft_line_breaks_join_and_paragraphs_stay_apart() {
        assertEquals("one line wrapped\n\nnext", Mrkdwn.fromMarkdown("one line\nwrapped\n\nnext"));
    }

    @Test
    void a_code_block_containing_fences_cannot_close_early() {
        String block = Mrkdwn.codeBlock("before\n```\n<@U123> after");
        assertEquals(2, block.split("```", -1).length - 1, block);
        assertFalse(block.contains("<@"), block);
    }

    @Test
    void long_texts_are_cut_into_sections_within_slacks_limit_and_code_blocks_are_reopened() {
        StringBuilder sb = new StringBuilder("Intro\n```\n");
        for (int i = 0; i < 400; i++) {
            sb.append("log line number ").append(i).append(" with some words\n");
        }
        sb.append("```\nOutro");
        List<String> chunks = BlockKit.chunks(sb.toString(), BlockKit.MAX_SECTION);
        assertTrue(chunks.size() > 2, "expected several chunks, got " + chunks.size());
        for (String c : chunks) {
            assertTrue(c.length() <= BlockKit.MAX_SECTION, "chunk of " + c.length());
            assertEquals(0, (c.split("```", -1).length - 1) % 2, "unbalanced fences in a chunk: " + c);
        }
        assertEquals(sb.toString().replace("```", "").replace("\n", ""),
                String.join("", chunks).replace("```", "").replace("\n", ""));
    }
}
