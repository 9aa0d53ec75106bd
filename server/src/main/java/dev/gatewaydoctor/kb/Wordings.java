package dev.gatewaydoctor.kb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks across entries' wordings that load but make matching worse: the same variant in two
 * entries (the matcher cannot tell them apart by it), and a variant of one or two words that
 * other entries' variants also contain (it gives the entry points for every text that says it).
 */
final class Wordings {

    /** Variants shorter than this many words are checked for being common. */
    static final int SHORT = 3;
    /** A short variant is common when the variants of this many other entries contain it. */
    static final int COMMON_IN = 2;

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Wordings() {}

    static void check(Collection<Entry> entries, List<Problem> warnings) {
        // Every variant made normal once, on all cores (a KB of 10,000 entries has 50,000), and
        // padded with spaces for the whole-word containment test of the short ones.
        List<Entry> list = List.copyOf(entries);
        List<List<String>> normals = list.parallelStream().map(e -> e.variants().stream().map(Wordings::normal).toList()).toList();
        List<List<String>> padded = normals.stream().map(n -> n.stream().map(k -> " " + k + " ").toList()).toList();
        Map<String, Entry> firstWith = new LinkedHashMap<>();
        for (int e = 0; e < list.size(); e++) {
            Entry entry = list.get(e);
            for (int i = 0; i < entry.variants().size(); i++) {
                String key = normals.get(e).get(i);
                if (key.isEmpty()) {
                    continue;
                }
                Entry other = firstWith.putIfAbsent(key, entry);
                if (other != null && other != entry) {
                    warnings.add(Problem.warning(entry.file(), entry.line("/variants/" + i), "variant \""
                            + entry.variants().get(i) + "\" is also a variant of '" + other.id() + "' (" + other.file()
                            + "): keep it in the entry it belongs to"));
                }
            }
        }
        for (int e = 0; e < list.size(); e++) {
            Entry entry = list.get(e);
            for (int i = 0; i < entry.variants().size(); i++) {
                String key = normals.get(e).get(i);
                if (key.isEmpty() || key.split(" ").length >= SHORT) {
                    continue;
                }
                List<String> alsoIn = new ArrayList<>();
                String needle = padded.get(e).get(i);
                for (int o = 0; o < list.size(); o++) {
                    if (o != e && padded.get(o).stream().anyMatch(v -> v.contains(needle))) {
                        alsoIn.add(list.get(o).id());
                    }
                }
                if (alsoIn.size() >= COMMON_IN) {
                    warnings.add(Problem.warning(entry.file(), entry.line("/variants/" + i), "variant \""
                            + entry.variants().get(i) + "\" is shorter than " + SHORT + " words and also found in the"
                            + " variants of " + String.join(", ", alsoIn) + ": write the whole wording users see"));
                }
            }
        }
    }

    /** Lowercase words joined by single spaces: punctuation and case do not make two variants differ. */
    static String normal(String s) {
        return NON_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
