package dev.gatewaydoctor.kb;

import java.nio.file.Path;

/** One thing wrong with a knowledge base, located to a file and line. */
public record Problem(Path file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
