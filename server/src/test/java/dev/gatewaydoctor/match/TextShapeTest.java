package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextShapeTest {

    private static final Path SHAPES = Path.of("server/src/test/resources/match/line-shapes.tsv");

    @Test
    void every_line_of_the_fixture_is_told_by_its_shape() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String l : Files.readAllLines(SHAPES, StandardCharsets.UTF_8)) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] kindAndLine = l.split("\t", 2);
            TextShape.Kind got = TextShape.kind(kindAndLine[1]);
            if (got != TextShape.Kind.valueOf(kindAndLine[0])) {
                wrong.add(kindAndLine[0] + " taken as " + got + ": " + kindAndLine[1]);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void a_report_is_cut_into_paragraphs_and_loses_its_configuration_without_setup() {
        TextShape shape = TextShape.of("""
                502 after moving the app to port 8080

                server {
                    listen 80;
                    proxy_pass http://127.0.0.1:8000;
                }

                2024/05/14 10:21:07 [error] 45#45: *1290 connect() failed (111: Connection refused)
                """);
        assertEquals(3, shape.paragraphs().size());
        String quiet = shape.withoutSetup();
        assertEquals(false, quiet.contains("proxy_pass"), quiet);
        assertEquals(true, quiet.contains("Connection refused"), quiet);
        assertEquals(true, quiet.contains("502 after moving"), quiet);
    }
}
