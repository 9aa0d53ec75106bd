package dev.gatewaydoctor.kb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated knowledge base. Immutable and thread-safe; a reload builds a new one.
 *
 * @param entries entries by id, in id order
 * @param warnings likely mistakes found while loading that did not stop it
 */
public record Kb(Map<String, Entry> entries, List<Problem> warnings) {

    public Kb {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        warnings = List.copyOf(warnings);
    }

    public Kb(Map<String, Entry> entries) {
        this(entries, List.of());
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** The entry with this id; throws when there is none. */
    public Entry expectEntry(String id) {
        return entry(id).orElseThrow(() -> new IllegalArgumentException("no entry with id " + id));
    }

    public List<Entry> list() {
        return List.copyOf(entries.values());
    }

    public int size() {
        return entries.size();
    }
}
