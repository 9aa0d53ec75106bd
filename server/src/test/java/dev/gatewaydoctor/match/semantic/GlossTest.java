package dev.gatewaydoctor.match.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gatewaydoctor.kb.Glossary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The glossed text the sentence model reads next to a text in another language. */
class GlossTest {

    private static Gloss gloss(String rules) {
        return Gloss.of(new Glossary(List.of(new Glossary.File(Path.of("glossary.xx.txt"), rules))).synonyms());
    }

    @Test
    void only_the_spans_a_rule_matched_change() {
        Gloss g = gloss("hebergeur, hebergement => hosting host\nmise a jour => update\ndisque => disk\n");
        assertEquals("depuis la update du hosting host, nginx/1.18.0 dit: 502 bad gateway (disk: 98%)",
                g.apply("depuis la mise à jour du l'Hébergeur, nginx/1.18.0 dit: 502 bad gateway (disque: 98%)"));
    }

    @Test
    void a_text_no_rule_names_is_returned_as_it_is() {
        String english = "502 bad gateway after the update of the hosting panel";
        assertSame(english, gloss("hebergeur => hosting host\n").apply(english));
        assertSame(english, Gloss.of(Optional.empty()).apply(english));
    }

    @Test
    void words_written_without_spaces_are_matched_character_by_character() {
        Gloss g = gloss("网站, 網站 => site\n打不开 => down\n服务器 => server\n");
        assertEquals("我的 site down 了, server 日志: connect() failed", g.apply("我的网站打不开了, 服务器 日志: connect() failed"));
    }

    @Test
    void the_longest_rule_wins_where_two_overlap() {
        Gloss g = gloss("connexion => connection\nconnexion refusee => connection refused\n");
        assertEquals("upstream: connection refused puis connection", g.apply("upstream: connexion refusée puis connexion"));
    }
}
