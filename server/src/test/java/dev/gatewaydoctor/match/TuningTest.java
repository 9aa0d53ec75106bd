package dev.gatewaydoctor.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningTest {

    @Test
    void the_bundled_defaults_are_the_bundled_kb_weights_file() {
        Tuning file = Tuning.read(Path.of("kb", "eval", Tuning.FILE));
        assertArrayEquals(file.weights(), Tuning.defaults().weights());
        assertEquals(file.threshold(), Tuning.defaults().threshold());
    }

    @Test
    void a_written_file_reads_back_the_same(@TempDir Path dir) throws IOException {
        double[] w = Tuning.defaults().weights();
        w[3] = 1.25;
        Tuning t = Tuning.defaults().withWeights(w, Tuning.fittedNow(List.of("a", "b"), "test")).withThreshold(0.7);
        Path file = dir.resolve("w.json");
        t.write(file);
        Tuning back = Tuning.read(file);
        assertArrayEquals(t.weights(), back.weights());
        assertEquals(0.7, back.threshold());
        assertEquals(List.of("a", "b"), back.fitted().kb());
    }

    @Test
    void each_model_answers_at_its_own_threshold_and_an_older_semantic_file_falls_back_to_the_lexical(@TempDir Path dir)
            throws IOException {
        Tuning.SemanticModel bundled = Tuning.readSemantic(Path.of("kb", "eval", Tuning.SEMANTIC_FILE));
        Path file = dir.resolve(Tuning.SEMANTIC_FILE);
        Tuning.write(bundled.withThreshold(0.8), file);
        Tuning t = Tuning.defaults().withThreshold(0.4).withSemantic(Tuning.readSemantic(file));
        assertEquals(0.8, t.threshold(true));
        assertEquals(0.4, t.threshold(false));
        // a file written before the cascade had a threshold of its own
        Files.writeString(file, Files.readString(file).replaceFirst("\"threshold\" : [^,]+,", ""));
        Tuning older = Tuning.defaults().withThreshold(0.4).withSemantic(Tuning.readSemantic(file));
        assertEquals(0.4, older.threshold(true));
        // an operator's override sets both
        assertEquals(0.9, t.withThreshold(0.9).threshold(true));
        assertEquals(0.9, t.withThreshold(0.9).threshold(false));
    }

    @Test
    void the_last_layered_folder_with_a_file_wins_and_none_falls_back_to_the_bundled(@TempDir Path dir) throws IOException {
        Path first = Files.createDirectories(dir.resolve("first/eval"));
        Path second = Files.createDirectories(dir.resolve("second"));
        Path third = Files.createDirectories(dir.resolve("third/eval"));
        Tuning.defaults().withThreshold(0.6).write(first.resolve(Tuning.FILE));
        Tuning.defaults().withThreshold(0.8).write(third.resolve(Tuning.FILE));
        assertEquals(0.8, Tuning.forFolders(List.of(first.getParent(), third.getParent(), second)).threshold());
        assertEquals(0.6, Tuning.forFolders(List.of(first.getParent(), second)).threshold());
        assertEquals(Tuning.defaults().threshold(), Tuning.forFolders(List.of(second)).threshold());
    }

    @Test
    void a_missing_weight_is_an_error_that_names_it(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.json");
        Files.writeString(file, Tuning.defaults().toJson().replaceFirst("\"coverage\" : [^,]+,", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuning.read(file));
        assertTrue(e.getMessage().contains("missing [coverage]"), e.getMessage());
    }

    @Test
    void a_file_that_is_not_json_is_an_error_naming_the_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("w.json");
        Files.writeString(file, "weights: 1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuning.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
