package dev.gatewaydoctor.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A script served with its stylesheet inlined, so that an embedding page loads one file and the
 * styles are there before anything is drawn. The script marks the spot with the string literal
 * {@value #PLACEHOLDER}; it is replaced by the stylesheet as a JavaScript string. Served as is, the
 * script still works (it can fetch the stylesheet itself), so the files stay plain static files.
 *
 * <p>The bundle drops what only readers of the source need: whole-line comments and indentation of
 * the script (line breaks stay, so automatic semicolons work as written), comments and runs of
 * white space in the stylesheet. The widget keeps within its gzipped budget with its message tables.
 *
 * <p>The bundle is rebuilt when either file changes on disk and carries a strong ETag (a hash of
 * its bytes): Javalin answers 304 when {@code If-None-Match} repeats it. Thread-safe.
 */
public final class ScriptBundle {

    public static final String PLACEHOLDER = "'/*css*/'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path stylesheet;
    private final AtomicReference<Built> built = new AtomicReference<>();

    /** One build, with the file times it was built from. */
    private record Built(FileTime scriptTime, FileTime stylesheetTime, byte[] body, String etag) {}

    ScriptBundle(Path script, Path stylesheet) {
        this.script = script;
        this.stylesheet = stylesheet;
    }

    public void serve(Context ctx) {
        Built b = current();
        ctx.contentType("text/javascript; charset=utf-8")
                .header("Cache-Control", WebFolder.CACHE_CONTROL)
                .header("X-Content-Type-Options", "nosniff")
                // Pages that isolate themselves (Cross-Origin-Embedder-Policy) may still load it.
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .header("ETag", b.etag())
                .result(b.body());
    }

    /** The bundle's bytes as served, for size checks. */
    public byte[] body() {
        return current().body();
    }

    private Built current() {
        FileTime scriptTime;
        FileTime stylesheetTime;
        try {
            scriptTime = Files.getLastModifiedTime(script);
            stylesheetTime = Files.getLastModifiedTime(stylesheet);
        } catch (IOException e) {
            throw ApiError.notFound("the widget is not installed: " + script.getFileName() + " or "
                    + stylesheet.getFileName() + " is missing from the web folder");
        }
        Built b = built.get();
        if (b != null && b.scriptTime().equals(scriptTime) && b.stylesheetTime().equals(stylesheetTime)) {
            return b;
        }
        Built fresh = build(scriptTime, stylesheetTime);
        built.set(fresh);
        return fresh;
    }

    private Built build(FileTime scriptTime, FileTime stylesheetTime) {
        try {
            String js = Files.readString(script, StandardCharsets.UTF_8);
            String css = Files.readString(stylesheet, StandardCharsets.UTF_8);
            byte[] body = inline(js, css).getBytes(StandardCharsets.UTF_8);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
            return new Built(scriptTime, stylesheetTime, body, "\"" + hash + "\"");
        } catch (IOException e) {
            throw ApiError.notFound("the widget cannot be read from the web folder: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The script without whole-line comments, blank lines and indentation. Only lines that are
     * comments from their first character are dropped, so a {@code //} inside a string or a URL is
     * never touched; the script must not hold multi-line template literals (it has none).
     */
    static String compactScript(String js) {
        StringBuilder out = new StringBuilder(js.length());
        boolean inComment = false;
        for (String line : js.split("\n", -1)) {
            String t = line.strip();
            if (inComment) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.startsWith("/*")) {
                inComment = !t.contains("*/");
                continue;
            }
            if (t.isEmpty() || t.startsWith("//")) {
                continue;
            }
            out.append(t).append('\n');
        }
        return out.toString();
    }

    /** The stylesheet without comments and with white space collapsed (none is significant in it). */
    static String compactStyles(String css) {
        return css.replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("\\s+", " ")
                .replaceAll("\\s*([{};,>])\\s*", "$1")
                .strip();
    }

    /** The script with the placeholder replaced by the stylesheet as a string literal. */
    static String inline(String js, String css) {
        js = compactScript(js);
        css = compactStyles(css);
        int at = js.indexOf(PLACEHOLDER);
        if (at < 0) {
            return js;
        }
        String literal;
        try {
            // A JSON string is a valid JavaScript string literal; "</" is escaped as well so the
            // bundle could even be inlined into a <script> element.
            literal = JSON.writeValueAsString(css).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return js.substring(0, at) + literal + js.substring(at + PLACEHOLDER.length());
    }
}
