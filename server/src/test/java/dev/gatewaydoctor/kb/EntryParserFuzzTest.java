package dev.gatewaydoctor.kb;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Any file content is an entry or a list of problems: the parser never throws. */
class EntryParserFuzzTest {

    @FuzzTest
    void parse(byte[] data) {
        List<Problem> problems = new ArrayList<>();
        String content = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        var entry = EntryParser.parse(Path.of("fuzz.md"), content, problems);
        if (entry.isEmpty() && problems.isEmpty()) {
            throw new AssertionError("no entry and no problem for: " + content);
        }
        entry.ifPresent(e -> KbView.Detail.of(e)); // and what parses renders
    }
}
