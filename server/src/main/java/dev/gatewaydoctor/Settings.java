package dev.gatewaydoctor;

import dev.gatewaydoctor.match.semantic.Semantic;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server is configured with, from the command line and the environment. Secrets
 * are only ever read from the environment and are never printed.
 *
 * @param host address to listen on ({@code 0.0.0.0}: every interface)
 * @param port HTTP port (0 picks a free one, for tests)
 * @param kbFolders knowledge-base folders, later ones layered over earlier ones
 * @param env the process environment (injected so tests can set it)
 */
public record Settings(String host, int port, List<Path> kbFolders, Map<String, String> env) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 7070;

    public Settings {
        kbFolders = List.copyOf(kbFolders);
        env = Map.copyOf(env);
    }

    /** On every interface. */
    public Settings(int port, List<Path> kbFolders, Map<String, String> env) {
        this(DEFAULT_HOST, port, kbFolders, env);
    }

    public static Settings defaults() {
        return new Settings(DEFAULT_PORT, List.of(Path.of("kb")), System.getenv());
    }

    public Settings withPort(int port) {
        return new Settings(host, port, kbFolders, env);
    }

    public Settings withEnv(Map<String, String> env) {
        return new Settings(host, port, kbFolders, env);
    }

    /** An environment value, or the fallback when unset or blank. */
    public String env(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A numeric environment value; a malformed one stops the start with a message naming it. */
    public double envNumber(String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    /**
     * The semantic signal's settings, or empty when {@code GATEWAY_DOCTOR_SEMANTIC} is {@code off}
     * (the default of the library and the tests; the launcher and the image turn it on, since on the
     * held-out split the cascade gets more positives and rejects more negatives than the lexical
     * model alone: loading the model costs about a second at start and about 70 MB resident). {@code GATEWAY_DOCTOR_SEMANTIC_TOKENS} is the longest text
     * the model reads, {@code GATEWAY_DOCTOR_SEMANTIC_THREADS} the inferences run at once (default:
     * the cores), {@code GATEWAY_DOCTOR_SEMANTIC_CACHE} the recent texts whose vectors are kept, and
     * {@code GATEWAY_DOCTOR_DATA} the folder the KB vectors are kept in between starts.
     */
    public Optional<Semantic.Options> semantic() {
        String on = env("GATEWAY_DOCTOR_SEMANTIC", "off").strip().toLowerCase(Locale.ROOT);
        if (on.equals("off")) {
            return Optional.empty();
        }
        if (!on.equals("on")) {
            throw new IllegalArgumentException("GATEWAY_DOCTOR_SEMANTIC must be on or off, got '" + on + "'");
        }
        Semantic.Options d = Semantic.Options.defaults();
        return Optional.of(new Semantic.Options(
                whole("GATEWAY_DOCTOR_SEMANTIC_TOKENS", d.tokenBudget(), 2, 256),
                whole("GATEWAY_DOCTOR_SEMANTIC_THREADS", d.concurrency(), 1, 256),
                whole("GATEWAY_DOCTOR_SEMANTIC_CACHE", d.cacheSize(), 0, 1_000_000),
                Optional.of(dataFolder())));
    }

    /**
     * {@code GATEWAY_DOCTOR_DATA}: the folder what is derived from the KB is kept in between starts
     * (the KB's sentence vectors, and the parsed entries and analysed index of a KB of 1,000 entries or more).
     */
    public Path dataFolder() {
        return Path.of(env("GATEWAY_DOCTOR_DATA", "data"));
    }

    private int whole(String name, int fallback, int min, int max) {
        double v = envNumber(name, fallback);
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(name + " must be a whole number between " + min + " and " + max);
        }
        return (int) v;
    }
}
