package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The lines of a dev-set folder: every {@code *.jsonl} file in name order, blank lines skipped,
 * each line located to its file and number. The one reader behind {@code eval}, {@code test}
 * and {@code validate}, which each take what they need from the objects.
 */
public final class DevSetLines {

    /**
     * One non-blank line.
     *
     * @param json the parsed object, or null when the line is not JSON ({@code error} says why)
     */
    public record Line(Path file, int number, JsonNode json, String error) {
        /** The object, or an exception that names the file and line. */
        public JsonNode expectJson() throws IOException {
            if (json == null) {
                throw new IOException(file + ":" + number + ": not JSON: " + error);
            }
            return json;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevSetLines() {}

    public static List<Line> read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<Line> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(readFile(file));
        }
        return out;
    }

    /** The lines of one file. */
    public static List<Line> readFile(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        int number = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (l.isBlank()) {
                continue;
            }
            try {
                out.add(new Line(file, number, JSON.readTree(l), null));
            } catch (IOException e) {
                out.add(new Line(file, number, null, e.getMessage()));
            }
        }
        return out;
    }
}
