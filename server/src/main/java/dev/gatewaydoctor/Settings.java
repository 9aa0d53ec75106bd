package dev.gatewaydoctor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
}
