package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One mail per client and language under {@code tickets/mail/}: {@code NAME.txt} (a plain body) or
 * {@code NAME.html} (an HTML body), and {@code NAME.expected.txt}, the sender's new text.
 */
class MailClientFixturesTest {

    record Fixture(String name, String body, boolean html, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(MailClientFixturesTest.class.getResource("/tickets/mail").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> bodies = files.filter(p -> !p.getFileName().toString().endsWith(".expected.txt")).sorted().toList();
            assertFalse(bodies.isEmpty(), "no fixtures in " + dir);
            return bodies.stream().map(MailClientFixturesTest::read).toList().stream();
        }
    }

    private static Fixture read(Path body) {
        String file = body.getFileName().toString();
        String name = file.substring(0, file.lastIndexOf('.'));
        try {
            return new Fixture(name, Files.readString(body, StandardCharsets.UTF_8), file.endsWith(".html"),
                    Files.readString(body.resolveSibling(name + ".expected.txt"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalStateException("fixture " + name + " has no readable expected text", e);
        }
    }

    private static MailText clean(Fixture f) {
        return f.html() ? MailText.of(null, f.body()) : MailText.of(f.body(), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void the_cleaned_text_is_the_senders_new_text(Fixture f) {
        assertEquals(f.expected(), clean(f).text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void no_line_the_sender_wrote_is_lost(Fixture f) {
        String text = clean(f).text();
        for (String line : f.expected().lines().filter(l -> !l.isBlank()).toList()) {
            assertTrue(text.contains(line.strip()), () -> "lost: " + line + "\n--- got:\n" + text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void what_was_cut_is_named(Fixture f) {
        MailText m = clean(f);
        boolean cut = !m.text().equals(f.body().strip());
        assertTrue(!cut || f.html() || !m.removed().isEmpty(), () -> f.name() + " lost text without saying what");
    }
}
