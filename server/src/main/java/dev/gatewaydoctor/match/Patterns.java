package dev.gatewaydoctor.match;

import dev.gatewaydoctor.kb.Evidence;
import dev.gatewaydoctor.regex.RequiredLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every distinct regular expression of a KB's evidence and look-alikes, numbered at load, each
 * with its literal prefilter. Entries often share a pattern (the same status test in several
 * entries), and the look-alikes are asked about once per candidate and once for the text as a
 * whole: a text's {@link Seen} runs each distinct pattern at most once and keeps its answer.
 *
 * <p>Numbering is thread-safe (entries are compiled on all cores); once the index is built the
 * table is only read.
 */
final class Patterns {

    /** Two patterns are the same when their source and flags are. */
    private record Key(String source, int flags) {}

    private final Map<Key, Integer> ids = new ConcurrentHashMap<>();
    /** By number; appended under the lock, read after the build. */
    private final List<Pattern> patterns = new ArrayList<>();
    private final List<RequiredLiterals> required = new ArrayList<>();

    /** The number of {@code p}, numbering it on first sight. */
    int id(Pattern p) {
        Key key = new Key(p.pattern(), p.flags());
        Integer id = ids.get(key);
        return id != null ? id : ids.computeIfAbsent(key, k -> add(p));
    }

    private synchronized int add(Pattern p) {
        patterns.add(p);
        required.add(RequiredLiterals.of(p));
        return patterns.size() - 1;
    }

    int size() {
        return patterns.size();
    }

    /** A text's answers, computed as they are asked for. */
    Seen in(String text, String folded) {
        return new Seen(text, folded);
    }

    /**
     * One text's pattern answers: whether each pattern's literals are in the text, and each
     * pattern's first match, each computed at most once. Used by one thread (one scoring).
     */
    final class Seen {
        private static final byte UNKNOWN = 0;
        private static final byte ABSENT = 1;
        private static final byte PRESENT = 2;

        private final String text;
        private final String folded;
        /** Per pattern: whether its literals may be in the text. */
        private final byte[] literals = new byte[patterns.size()];
        /** Per pattern: whether it matches, and its first match when it does. */
        private final byte[] matches = new byte[patterns.size()];
        private final String[] first = new String[patterns.size()];

        private Seen(String text, String folded) {
            this.text = text;
            this.folded = folded;
        }

        /** False only when the text surely holds no match of pattern {@code id} (see {@link RequiredLiterals}). */
        boolean mayMatch(int id) {
            if (literals[id] == UNKNOWN) {
                literals[id] = required.get(id).mayMatch(folded) ? PRESENT : ABSENT;
            }
            return literals[id] == PRESENT;
        }

        /** Pattern {@code id}'s first match in the text (as {@link Evidence#firstMatch}), or null. */
        String firstMatch(int id) {
            if (matches[id] == UNKNOWN) {
                String found = mayMatch(id) ? Evidence.firstMatch(patterns.get(id), text) : null;
                first[id] = found;
                matches[id] = found == null ? ABSENT : PRESENT;
            }
            return first[id];
        }
    }
}
