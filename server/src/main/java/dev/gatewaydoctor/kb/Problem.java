package dev.gatewaydoctor.kb;

import java.nio.file.Path;

/**
 * One thing wrong with a knowledge base, located to a file and line. An error makes the knowledge
 * base unusable; a warning is a likely mistake that still loads (validate prints it and exits 0).
 */
public record Problem(Path file, int line, String message, Severity severity) {

    public enum Severity { ERROR, WARNING }

    /** An error. */
    public Problem(Path file, int line, String message) {
        this(file, line, message, Severity.ERROR);
    }

    public static Problem warning(Path file, int line, String message) {
        return new Problem(file, line, message, Severity.WARNING);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (isWarning() ? "warning: " : "") + message;
    }
}
