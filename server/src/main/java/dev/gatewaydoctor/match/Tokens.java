package dev.gatewaydoctor.match;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * What an analyzer made of one text, kept so that it is analysed once: the distinct terms in order
 * of first appearance (an entry's term set) and the token sequence with position increments, which
 * {@link #stream()} replays for the index writer. The index needs only terms, their counts and the
 * number of tokens (overlaps apart), all of which the replay keeps.
 */
record Tokens(List<String> distinct, int[] order, int[] increments) {

    static Tokens of(Analyzer analyzer, String field, String text) {
        Map<String, Integer> ids = new HashMap<>();
        String[] terms = new String[16];
        int[] order = new int[64];
        int[] increments = new int[64];
        int n = 0;
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                Integer id = ids.get(t);
                if (id == null) {
                    id = ids.size();
                    ids.put(t, id);
                    if (id == terms.length) {
                        terms = Arrays.copyOf(terms, id * 2);
                    }
                    terms[id] = t;
                }
                if (n == order.length) {
                    order = Arrays.copyOf(order, n * 2);
                    increments = Arrays.copyOf(increments, n * 2);
                }
                order[n] = id;
                increments[n++] = inc.getPositionIncrement();
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Tokens(List.of(Arrays.copyOf(terms, ids.size())), Arrays.copyOf(order, n), Arrays.copyOf(increments, n));
    }

    /** The tokens of {@code a} followed by those of {@code b}, as if one text had been analysed. */
    static Tokens concat(Tokens a, Tokens b) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> distinct = new java.util.ArrayList<>(a.distinct);
        for (int i = 0; i < distinct.size(); i++) {
            ids.put(distinct.get(i), i);
        }
        int[] remap = new int[b.distinct.size()];
        for (int i = 0; i < remap.length; i++) {
            String t = b.distinct.get(i);
            Integer id = ids.get(t);
            if (id == null) {
                id = distinct.size();
                ids.put(t, id);
                distinct.add(t);
            }
            remap[i] = id;
        }
        int[] order = Arrays.copyOf(a.order, a.order.length + b.order.length);
        int[] increments = Arrays.copyOf(a.increments, order.length);
        for (int i = 0; i < b.order.length; i++) {
            order[a.order.length + i] = remap[b.order[i]];
            increments[a.order.length + i] = b.increments[i];
        }
        return new Tokens(List.copyOf(distinct), order, increments);
    }

    /** The tokens again, as a stream an index writer consumes. */
    TokenStream stream() {
        return new Replay(this);
    }

    private static final class Replay extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
        private final Tokens tokens;
        private int next;

        Replay(Tokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public boolean incrementToken() {
            if (next == tokens.order.length) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(tokens.distinct.get(tokens.order[next]));
            inc.setPositionIncrement(tokens.increments[next]);
            next++;
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
