package dev.gatewaydoctor.kb;

import java.util.List;
import java.util.stream.Collectors;

/** A knowledge base that cannot be used, with every problem found. */
public final class KbException extends Exception {

    private final List<Problem> problems;

    public KbException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
