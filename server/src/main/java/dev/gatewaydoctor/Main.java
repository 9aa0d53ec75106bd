package dev.gatewaydoctor;

import dev.gatewaydoctor.cli.Cli;
import java.io.PrintStream;

/**
 * Entry point of the jar: {@code [serve] [--host ADDRESS] [--port N] [--kb DIR]...},
 * {@code validate}, {@code eval}, {@code triage}; {@code --help} and {@code --version} on each.
 * Exit codes: 0 success, 1 a bad knowledge base or a failed command, 2 a usage error.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != Cli.SERVING && code != 0) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code, or {@link Cli#SERVING} when a server was started and keeps running. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(args, out, err);
    }
}
