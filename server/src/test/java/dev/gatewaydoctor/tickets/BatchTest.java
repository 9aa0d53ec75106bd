package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.match.Matcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {

    private static Triage triage() throws KbException {
        Matcher matcher = Matcher.build(KbLoader.load(List.of(ReplyWriterTest.KB)));
        return new Triage(() -> matcher, ImageReader.none(), Action.Thresholds.defaults(), new ReplyWriter("Support"));
    }

    @Test
    void a_long_run_reports_progress_on_the_side_and_a_line_per_ticket(@TempDir Path dir) throws IOException, KbException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            jsonl.append("{\"id\": \"t").append(i).append("\", \"subject\": \"Server error\", \"body\": \"write error: No space left on device\"}\n");
        }
        Files.writeString(dir.resolve("queue.jsonl"), jsonl);
        Files.writeString(dir.resolve("broken.json"), "{\"subject\": 7}");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        StringWriter report = new StringWriter();
        Batch.Summary s = new Batch(triage(), new PrintStream(progress, true, StandardCharsets.UTF_8), 0).run(dir, report);

        assertEquals(5, s.tickets());
        assertEquals(1, s.unreadable());
        assertEquals(5, s.perEntry().get("disk-full"));
        assertEquals(6, report.toString().lines().count());
        assertTrue(report.toString().contains("\"error\":\"'subject' must be a string\""), report.toString());
        String p = progress.toString(StandardCharsets.UTF_8);
        assertTrue(p.contains("triaged 1 tickets (0/2 files"), p);
        assertTrue(p.contains("done: 6 tickets from 2 files"), p);
    }

    @Test
    void the_summary_counts_actions_entries_and_unmatched() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Batch.print(new Batch.Summary(4, 2, 1, 1, 1, 0, java.util.Map.of("disk-full", 3)), new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("auto_reply (answerable)           2 (50.0%)"), table);
        assertTrue(table.contains("unmatched                         1 (25.0%)"), table);
        assertTrue(table.contains("  disk-full                       3"), table);
    }
}
