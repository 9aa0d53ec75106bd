package dev.gatewaydoctor.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of web files (the widget and the demo help page) served at the root of the site.
 * Serving is Javalin's static file handler: it answers with an ETag and 304 on a matching
 * {@code If-None-Match}, gzips, and refuses any path that would leave the folder (dot segments,
 * encoded or not, and symbolic links pointing outside).
 */
public final class WebFolder {

    /** Where the web files are; default {@code web} in the working directory. */
    public static final String ENV = "GATEWAY_DOCTOR_WEB";

    /**
     * The widget's URL carries no version (hosts embed one fixed tag), so caches keep files only
     * briefly and then revalidate with the ETag, which costs a 304.
     */
    static final String CACHE_CONTROL = "public, max-age=300";

    private static final Logger LOG = LoggerFactory.getLogger(WebFolder.class);

    private final Path root;

    public WebFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    /** Serves the folder at {@code /}; without the folder the API still runs, and a warning says why pages are missing. */
    public void install(JavalinConfig config) {
        if (!exists()) {
            LOG.warn("no web folder at {}: the widget and the demo page are not served (set {})", root, ENV);
            return;
        }
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = root.toString();
            files.location = Location.EXTERNAL;
            files.headers = Map.of("Cache-Control", CACHE_CONTROL, "X-Content-Type-Options", "nosniff");
        });
    }

    /** {@code script} with {@code stylesheet} inlined, both from this folder; see {@link ScriptBundle}. */
    public ScriptBundle bundle(String script, String stylesheet) {
        return new ScriptBundle(root.resolve(script), root.resolve(stylesheet));
    }
}
