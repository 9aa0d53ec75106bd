package dev.gatewaydoctor.kb;

import java.util.List;

/** One step of a decision tree: a question with options, a fix to try, or an end. */
public sealed interface Node permits Node.Question, Node.Fix, Node.End {

    /** The node's anchor, unique within its entry. */
    String id();

    /** The heading, without its anchor or kind marker. */
    String title();

    /** Markdown body, without the options list. */
    String text();

    /** Line of the heading in the entry's file. */
    int line();

    /** A node with options: the user picks one. */
    record Question(String id, String title, String text, List<Option> options, int line) implements Node {
        public Question {
            options = List.copyOf(options);
        }
    }

    /** A leaf with something to try. */
    record Fix(String id, String title, String text, int line) implements Node {}

    /** A leaf where the flow stops without anything to try. */
    record End(String id, String title, String text, int line) implements Node {}

    /** {@code question}, {@code fix} or {@code end}: the kind as clients see it. */
    default String kind() {
        if (this instanceof Question) {
            return "question";
        }
        return this instanceof End ? "end" : "fix";
    }

    /** The options of a question, none for a leaf. */
    default List<Option> options() {
        return this instanceof Question q ? q.options() : List.of();
    }
}
