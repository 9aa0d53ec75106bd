package dev.gatewaydoctor.match.semantic;

import dev.gatewaydoctor.kb.Glossary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * A text with the glossary's words put into the KB's words, for the sentence model: the model
 * reads English only, so "el sitio se cayó tras la migración" says little to it, while "el site
 * se down tras la migrated moved" lands near the entries' wordings. Only the spans a rule matched
 * change; every other character (log lines, numbers, punctuation, words no rule names) stays.
 *
 * <p>The rules are the ones the lexical side applies ({@link Glossary}), read the same way:
 * standard tokens, lower case, accents folded, French and Italian elisions cut. Thread-safe.
 */
final class Gloss {

    static final Gloss NONE = new Gloss(null);

    private final Analyzer analyzer;

    private Gloss(SynonymMap rules) {
        this.analyzer = rules == null ? null : new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                return new TokenStreamComponents(source, new SynonymGraphFilter(Glossary.normalised(source), rules, true));
            }
        };
    }

    static Gloss of(Optional<SynonymMap> rules) {
        return rules.map(Gloss::new).orElse(NONE);
    }

    /** {@code text} with every span a rule matched replaced by the rule's words; {@code text} itself when none did. */
    String apply(String text) {
        if (analyzer == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            int spanStart = -1;
            int spanEnd = -1;
            while (ts.incrementToken()) {
                if (!SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())) {
                    continue;
                }
                // A rule's words all carry the offsets of the span it matched: the first opens it.
                if (offset.startOffset() != spanStart || offset.endOffset() != spanEnd) {
                    if (offset.startOffset() < copied) {
                        continue; // a second path over a span already replaced
                    }
                    if (out == null) {
                        out = new StringBuilder(text.length() + 32);
                    }
                    join(out, text.substring(copied, offset.startOffset()));
                    spanStart = offset.startOffset();
                    spanEnd = offset.endOffset();
                    copied = spanEnd;
                    join(out, term.toString());
                } else {
                    out.append(' ').append(term);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string reader does not fail
        }
        if (out == null) {
            return text;
        }
        join(out, text.substring(copied));
        return out.toString();
    }

    /**
     * Appends {@code piece}, with a space where it would otherwise run into the word before it:
     * in a language written without spaces, "网站打不开" glossed must read "site down", not "sitedown".
     */
    private static void join(StringBuilder out, String piece) {
        if (!piece.isEmpty() && !out.isEmpty() && Character.isLetterOrDigit(out.charAt(out.length() - 1))
                && Character.isLetterOrDigit(piece.charAt(0))) {
            out.append(' ');
        }
        out.append(piece);
    }
}
