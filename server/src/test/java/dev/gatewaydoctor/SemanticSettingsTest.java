package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemanticSettingsTest {

    private static Settings env(Map<String, String> env) {
        return new Settings(0, List.of(Path.of("kb")), env);
    }

    @Test
    void the_semantic_signal_is_off_unless_turned_on() {
        assertTrue(env(Map.of()).semantic().isEmpty());
        assertTrue(env(Map.of("GATEWAY_DOCTOR_SEMANTIC", "OFF")).semantic().isEmpty());
    }

    @Test
    void turned_on_it_reads_its_budget_threads_cache_and_data_folder() {
        var o = env(Map.of("GATEWAY_DOCTOR_SEMANTIC", "on", "GATEWAY_DOCTOR_SEMANTIC_TOKENS", "64",
                "GATEWAY_DOCTOR_SEMANTIC_THREADS", "3", "GATEWAY_DOCTOR_SEMANTIC_CACHE", "10", "GATEWAY_DOCTOR_DATA", "/srv/gd"))
                .semantic().orElseThrow();
        assertEquals(64, o.tokenBudget());
        assertEquals(3, o.concurrency());
        assertEquals(10, o.cacheSize());
        assertEquals(Optional.of(Path.of("/srv/gd")), o.dataFolder());
        assertEquals(Optional.of(Path.of("data")), env(Map.of("GATEWAY_DOCTOR_SEMANTIC", "on")).semantic().orElseThrow().dataFolder());
    }

    @Test
    void a_malformed_value_stops_the_start_with_its_name() {
        var e = assertThrows(IllegalArgumentException.class, () -> env(Map.of("GATEWAY_DOCTOR_SEMANTIC", "maybe")).semantic());
        assertTrue(e.getMessage().contains("GATEWAY_DOCTOR_SEMANTIC"));
        e = assertThrows(IllegalArgumentException.class,
                () -> env(Map.of("GATEWAY_DOCTOR_SEMANTIC", "on", "GATEWAY_DOCTOR_SEMANTIC_TOKENS", "1000")).semantic());
        assertTrue(e.getMessage().contains("GATEWAY_DOCTOR_SEMANTIC_TOKENS"));
    }
}
