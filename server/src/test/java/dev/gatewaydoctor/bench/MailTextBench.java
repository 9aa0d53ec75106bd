package dev.gatewaydoctor.bench;

import dev.gatewaydoctor.tickets.MailText;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Ticket cleaning benchmark (a main, not a test): the time {@link MailText} takes on the realistic
 * fixture mails and on adversarial bodies of about 1 MB, the ticket body limit (only blank lines,
 * only quoted lines, one long line, 20,000 attribution-like lines...). Cleaning must stay linear:
 * run from the repository root with {@code java -cp ... dev.gatewaydoctor.bench.MailTextBench}.
 */
public final class MailTextBench {

    /** The ticket routes' body limit. */
    public static final int MB = 1 << 20;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private MailTextBench() {}

    /** A body to clean: plain or HTML. */
    public record Body(String name, String text, boolean html) {
        @Override
        public String toString() {
            return name;
        }

        public MailText clean() {
            return html ? MailText.of(null, text) : MailText.of(text, null);
        }
    }

    /** Bodies built to hit the worst case of each cleaning step. */
    public static List<Body> adversarial() {
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("32,000 newlines", "\n".repeat(32_000), false));
        bodies.add(new Body("only blank lines", "\n".repeat(MB), false));
        bodies.add(new Body("only blank lines with spaces", " \n".repeat(MB / 2), false));
        bodies.add(new Body("only > lines", fill("> quoted line of an old message\n"), false));
        bodies.add(new Body("only > characters", ">".repeat(MB), false));
        bodies.add(new Body("one 1 MB line", "x".repeat(MB), false));
        bodies.add(new Body("one 1 MB line of words", fill("word "), false));
        bodies.add(new Body("20,000 attribution lines",
                "On Tue, 12 Mar 2024 at 14:22, Jane Doe <jane@example.org> wrote:\n".repeat(20_000), false));
        bodies.add(new Body("20,000 near-miss attribution lines",
                "On Tue, 12 Mar 2024 at 14:22, Jane Doe of the hosting team said that nothing was wrong\n".repeat(20_000), false));
        bodies.add(new Body("attribution words without an end",
                fill("On 12 Mar 2024 On 12 Mar 2024 On 12 Mar 2024 On 12 Mar 2024 On 12 Mar 2024 wrote wrote wrote\n"), false));
        bodies.add(new Body("reply text and attribution on each line",
                fill("Thanks, that fixed it.   On Tue, 12 Mar 2024 at 14:22, Jane Doe <jane@example.org> wrote:\n"), false));
        bodies.add(new Body("header lines", fill("From: Jane Doe <jane@example.org>\n"), false));
        bodies.add(new Body("header block pairs", fill("From: Jane <jane@example.org>\nSent: Tuesday, 12 March 2024\n\n> q\n"), false));
        bodies.add(new Body("text and quotes interleaved", fill("The site shows 502.\n> Which page?\n"), false));
        bodies.add(new Body("sign-off lines", fill("Regards,\n"), false));
        bodies.add(new Body("short name lines", fill("Jane Doe\n"), false));
        bodies.add(new Body("dash lines", fill("--\n"), false));
        bodies.add(new Body("emoji lines", fill("🙏\n"), false));
        bodies.add(new Body("disclaimer paragraphs", fill("This e-mail is confidential and intended for the recipient.\n\n"), false));
        bodies.add(new Body("a long reply thread",
                fill("Still 502 after the restart.\n\nOn Tue, 12 Mar 2024 at 14:22, Support <support@hosting.example> wrote:\n"
                        + "> Please restart php-fpm.\n>\n> On Mon, 11 Mar 2024, Ken <ken@example.org> wrote:\n>> The shop is down.\n\n"),
                false));
        bodies.add(new Body("html: 1 MB paragraph", "<p>" + fill("word ") + "</p>", true));
        bodies.add(new Body("html: sibling blockquotes", fill("<blockquote>old text</blockquote>"), true));
        bodies.add(new Body("html: nested blockquotes", "<blockquote>".repeat(20_000) + "old" + "</blockquote>".repeat(20_000), true));
        bodies.add(new Body("html: 1 MB of nested blockquotes",
                "<blockquote>".repeat(MB / 25) + "old" + "</blockquote>".repeat(MB / 25), true));
        bodies.add(new Body("html: gmail quote containers",
                fill("<div>new</div><div class=\"gmail_quote\"><div class=\"gmail_attr\">On Tue wrote:</div>"
                        + "<blockquote class=\"gmail_quote\">old</blockquote></div>"), true));
        bodies.add(new Body("html: line breaks", fill("<br>"), true));
        return bodies;
    }

    /** The realistic mails of the fixture folder. */
    public static List<Body> realistic(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Body> bodies = new ArrayList<>();
            for (Path p : files.filter(p -> !p.toString().endsWith(".expected.txt")).sorted().toList()) {
                bodies.add(new Body(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8),
                        p.toString().endsWith(".html")));
            }
            return bodies;
        }
    }

    /** {@code unit} repeated up to about 1 MB. */
    static String fill(String unit) {
        return unit.repeat(Math.max(1, MB / unit.length()));
    }

    /**
     * Median CPU milliseconds of the cleaning thread over a few runs, after one warm-up run: CPU time,
     * not wall time, so that other processes sharing the cores do not inflate the figure.
     */
    public static double millis(Body body, int runs) {
        return millis(body, 1, runs);
    }

    /** The same after {@code warmUps} runs: with enough of them, the JIT has compiled for this body's shape. */
    public static double millis(Body body, int warmUps, int runs) {
        for (int i = 0; i < warmUps; i++) {
            body.clean();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = CPU.getCurrentThreadCpuTime();
            body.clean();
            ms[i] = (CPU.getCurrentThreadCpuTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    public static void main(String[] args) throws IOException {
        List<Body> realistic = realistic(Path.of("server/src/test/resources/tickets/mail"));
        for (int i = 0; i < 200; i++) {
            realistic.forEach(Body::clean); // warm-up
        }
        long t = CPU.getCurrentThreadCpuTime();
        int rounds = 50;
        for (int i = 0; i < rounds; i++) {
            realistic.forEach(Body::clean);
        }
        double each = (CPU.getCurrentThreadCpuTime() - t) / 1e6 / rounds / realistic.size();
        System.out.printf(Locale.ROOT, "realistic fixtures: %d mails, %.3f CPU ms per mail%n", realistic.size(), each);
        // Two figures per body: after one warm-up run, as a body of a new shape meets a server warmed by
        // ordinary mail (the JIT is still recompiling for it), and after twenty, once it has.
        System.out.printf(Locale.ROOT, "%-40s %10s %12s %12s%n", "adversarial body", "bytes", "median CPU ms", "warm ms");
        for (Body b : adversarial()) {
            double first = millis(b, 5);
            System.out.printf(Locale.ROOT, "%-40s %10d %12.1f %12.1f%n", b.name(), b.text().getBytes(StandardCharsets.UTF_8).length,
                    first, millis(b, 14, 5));
        }
    }
}
