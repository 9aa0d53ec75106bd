package dev.gatewaydoctor.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewaydoctor.kb.Kb;
import dev.gatewaydoctor.kb.KbLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matcher's answers over the whole dev set (OCR-noised copies included), recorded so that a
 * change meant to keep results (a refactoring, speed work) can prove it did: per input, the
 * ranked ids {@code match(text, 5)} returns and the unrounded confidence.
 *
 * <p>When results are meant to change (the KB, the dev set or the weights changed), regenerate
 * the fixture on purpose with one command, from the project root:
 * <pre>mvn -q -B -o test -pl server -Dtest=GoldenRanksTest -Dgolden.write=true</pre>
 * and commit it with the change that moved it.
 */
final class GoldenRanks {

    static final Path FILE = Path.of("server", "src", "test", "resources", "match", "golden-ranks.jsonl");
    static final int LIMIT = 5;

    /** One input's recorded answer. */
    record Answer(String id, List<String> ranked, double confidence) {}

    private GoldenRanks() {}

    static List<Answer> compute(Matcher matcher, List<Evaluation.Sample> samples) {
        List<Answer> out = new ArrayList<>();
        for (Evaluation.Sample s : samples) {
            Match m = matcher.match(s.text(), LIMIT);
            double confidence = m.results().isEmpty() ? 0 : matcher.score(s.text()).inScope();
            out.add(new Answer(s.id(), m.results().stream().map(Match.Candidate::id).toList(), confidence));
        }
        return out;
    }

    static List<Answer> current() throws IOException, dev.gatewaydoctor.kb.KbException {
        Kb kb = KbLoader.load(List.of(Path.of("kb")));
        return compute(Matcher.build(kb), Evaluation.withNoise(Evaluation.load(Path.of("kb", "eval"))));
    }

    static void write(List<Answer> answers, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (Answer a : answers) {
            ObjectNode n = json.createObjectNode();
            n.put("id", a.id());
            n.putPOJO("ranked", a.ranked());
            n.put("confidence", a.confidence());
            sb.append(json.writeValueAsString(n)).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static Map<String, Answer> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Answer> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            List<String> ranked = new ArrayList<>();
            n.get("ranked").forEach(r -> ranked.add(r.asText()));
            out.put(n.get("id").asText(), new Answer(n.get("id").asText(), ranked, n.get("confidence").asDouble()));
        }
        return out;
    }
}
