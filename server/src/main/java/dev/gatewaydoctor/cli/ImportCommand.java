package dev.gatewaydoctor.cli;

import dev.gatewaydoctor.authoring.ArticleImport;
import dev.gatewaydoctor.kb.KbException;
import dev.gatewaydoctor.kb.KbLoader;
import dev.gatewaydoctor.kb.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Turn a help-centre article (HTML) into a draft entry that validates: title, summary, one node per"
                + " heading, ordered lists as fix steps, quoted error wordings as variants; what cannot be placed is kept"
                + " as a comment for the author."})
public final class ImportCommand implements Callable<Integer> {

    /** Articles larger than this are not help articles. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    @ParentCommand
    private Cli cli;

    @Parameters(paramLabel = "ARTICLE.html", description = "the article's HTML file")
    private Path article;

    @Option(names = "--id", paramLabel = "ID", description = "the entry's id (default: from the title)")
    private String id;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "folder to write ID.md into (default: ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--force", description = "overwrite an existing file")
    private boolean force;

    @Override
    public Integer call() {
        Console console = cli.console();
        if (id != null && !id.matches("[a-z0-9][a-z0-9-]*")) {
            console.err().println("error: --id must be lowercase letters, digits and dashes");
            return 2;
        }
        String html;
        try {
            if (Files.size(article) > MAX_BYTES) {
                console.err().println("error: " + article + " is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
                return 1;
            }
            html = Files.readString(article, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.err().println("error: cannot read " + article + ": " + e.getMessage());
            return 1;
        }
        ArticleImport.Draft draft = ArticleImport.from(html, id);
        Path file = out.resolve(draft.id() + ".md");
        try {
            Files.createDirectories(out);
            if (Files.exists(file) && !force) {
                console.err().println("error: " + file + " exists (use --force to overwrite)");
                return 1;
            }
            Files.writeString(file, draft.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.err().println("error: cannot write " + file + ": " + e.getMessage());
            return 1;
        }
        console.out().println("wrote " + file + ": " + draft.nodes() + " nodes, " + draft.variants().size()
                + " variants, " + draft.unplaced() + " block(s) kept as comments");
        // The draft alone must load; links to other entries are the author's to add.
        Path check = null;
        try {
            check = Files.createTempDirectory("gd-import");
            Files.writeString(check.resolve(file.getFileName()), draft.markdown(), StandardCharsets.UTF_8);
            KbLoader.load(List.of(check));
        } catch (KbException e) {
            console.err().println("the draft does not validate yet:");
            for (Problem p : e.problems()) {
                console.err().println("  " + p.message() + " (line " + p.line() + ")");
            }
            return 1;
        } catch (IOException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        } finally {
            if (check != null) {
                try {
                    Files.deleteIfExists(check.resolve(file.getFileName()));
                    Files.deleteIfExists(check);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
        console.out().println("it validates; next: ./gateway-doctor validate --kb kb --kb " + out);
        return 0;
    }
}
