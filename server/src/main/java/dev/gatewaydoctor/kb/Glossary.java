package dev.gatewaydoctor.kb;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The words customers use that the entries do not, mapped to the entries' own words: mostly other
 * languages ("hébergement mutualisé" is "shared hosting"), so a report written in French still
 * meets entries written in English. One file per language in a KB folder, {@code glossary.<lang>.txt},
 * in the Solr synonyms format that Lucene reads ({@code words, other words => the KB's words}); it
 * is applied to the prose of every text matched, never to the entries.
 *
 * @param files the glossary files of every layered folder, in load order
 */
public record Glossary(List<File> files) {

    public static final Glossary EMPTY = new Glossary(List.of());

    /** One glossary file as read. */
    public record File(Path path, String text) {}

    public Glossary {
        files = List.copyOf(files);
    }

    /** The glossary's file name in a KB folder: {@code glossary.fr.txt}, {@code glossary.pt-br.txt}. */
    public static boolean isGlossaryFile(Path file) {
        return file.getFileName().toString().matches("glossary\\.[a-z]{2}(-[a-z]{2})?\\.txt");
    }

    /**
     * The rules of every file as one map, empty when there are none. Both sides of a rule are
     * normalised as the matcher normalises a text before the glossary applies: standard tokens,
     * lower case, accents removed, so "hebergement" in a rule also meets "Hébergement" in a text.
     */
    public Optional<SynonymMap> synonyms() {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, false, NORMALISE);
            for (File f : files) {
                parser.parse(new StringReader(f.text()));
            }
            SynonymMap map = parser.build();
            return map.fst == null ? Optional.empty() : Optional.of(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            // check() has refused a file with a bad rule before a Glossary is made of it.
            throw new IllegalStateException("glossary rule that check() let through: " + e.getMessage(), e);
        }
    }

    /**
     * The problems of one glossary file, each at its line: a rule Lucene cannot parse (an arrow
     * with nothing on one side, a word that normalises to nothing).
     */
    static List<Problem> check(File file) {
        List<Problem> problems = new java.util.ArrayList<>();
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] sides = line.split("=>", -1);
            if (sides.length != 2) {
                problems.add(new Problem(file.path(), i + 1, "a glossary rule maps words to the KB's words with one '=>': 'words, other words => kb words'"));
                continue;
            }
            if (hasNoWords(sides[0]) || hasNoWords(sides[1])) {
                problems.add(new Problem(file.path(), i + 1, "a side of this glossary rule has no word: 'words, other words => kb words'"));
                continue;
            }
            try {
                new SolrSynonymParser(true, false, NORMALISE).parse(new StringReader(line));
            } catch (ParseException | IllegalArgumentException e) {
                problems.add(new Problem(file.path(), i + 1, "not a glossary rule: 'words, other words => kb words'"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return problems;
    }

    /**
     * Elided articles of French and Italian ("l'hébergement", "dell'host"), cut before the rules
     * apply so that a rule names the word alone. The standard tokenizer keeps such a word whole.
     */
    private static final CharArraySet ELIDED = new CharArraySet(List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c",
            "jusqu", "quoiqu", "lorsqu", "puisqu", "all", "dall", "dell", "nell", "sull", "un"), true);

    /**
     * The steps a text's tokens go through before the rules apply, after lower-casing and accent
     * folding: the matcher's query analyzer and the rules' parser share them.
     */
    public static TokenStream beforeRules(TokenStream folded) {
        return new ElisionFilter(folded, ELIDED);
    }

    /** A side of a rule without a word in one of its comma-separated places. */
    private static boolean hasNoWords(String side) {
        for (String phrase : side.split(",", -1)) {
            if (phrase.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A text's tokens as the rules read them: standard tokens, lower case, accents folded,
     * elisions cut. {@code source} is the tokenizer the caller's components keep.
     */
    public static TokenStream normalised(Tokenizer source) {
        return beforeRules(new ASCIIFoldingFilter(new LowerCaseFilter(source)));
    }

    /** What a rule's words go through: what a text goes through before the glossary applies. */
    private static final Analyzer NORMALISE = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, normalised(source));
        }
    };
}
