package dev.gatewaydoctor.cli;

import java.io.PrintStream;

/** Where a command writes: results to {@code out}, problems and progress to {@code err}. */
public record Console(PrintStream out, PrintStream err) {}
