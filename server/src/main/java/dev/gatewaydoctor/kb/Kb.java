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
 * @param translations by entry id, then language code: the same entry with every text translated
 */
public record Kb(Map<String, Entry> entries, List<Problem> warnings, Map<String, Map<String, Entry>> translations,
                 Glossary glossary) {

    public Kb {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        warnings = List.copyOf(warnings);
        Map<String, Map<String, Entry>> copy = new LinkedHashMap<>();
        translations.forEach((id, byLang) -> copy.put(id, Map.copyOf(byLang)));
        translations = Collections.unmodifiableMap(copy);
    }

    /** Without a glossary. */
    public Kb(Map<String, Entry> entries, List<Problem> warnings, Map<String, Map<String, Entry>> translations) {
        this(entries, warnings, translations, Glossary.EMPTY);
    }

    /** Without translations. */
    public Kb(Map<String, Entry> entries, List<Problem> warnings) {
        this(entries, warnings, Map.of());
    }

    public Kb(Map<String, Entry> entries) {
        this(entries, List.of());
    }

    /** The entry in language {@code lang} ({@code pt-br} falls back to {@code pt}), empty when it has no such translation. */
    public Optional<Entry> translation(String id, String lang) {
        if (lang == null) {
            return Optional.empty();
        }
        Map<String, Entry> byLang = translations.getOrDefault(id, Map.of());
        String l = lang.toLowerCase(java.util.Locale.ROOT);
        Entry e = byLang.get(l);
        return Optional.ofNullable(e != null ? e : byLang.get(l.split("-", 2)[0]));
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
