package dev.gatewaydoctor.handoff;

import java.time.Instant;
import java.util.List;

/**
 * One request to reach a person, as every route delivers it. Texts the visitor pasted are already
 * redacted here.
 *
 * @param id random, unguessable: the widget polls the delivery status with it
 * @param email where the person should answer (the visitor typed it)
 * @param name the visitor's name, or null
 * @param visitor what the host page identified, possibly {@link Visitor#NONE}
 * @param lang the widget's language, e.g. {@code de}
 * @param page the address of the page the widget was on, or null
 * @param entry the matched entry, or null when none was matched
 * @param path the steps taken through the decision tree, in order
 * @param pasted what the visitor first pasted, redacted
 * @param summary the plain-text account for the agent, redacted
 */
public record Handoff(
        String id,
        Instant created,
        String email,
        String name,
        Visitor visitor,
        String lang,
        String page,
        Matched entry,
        List<Step> path,
        String pasted,
        String summary) {

    public Handoff {
        path = List.copyOf(path);
    }

    /** The entry the conversation followed. */
    public record Matched(String id, String title) {}

    /**
     * One step: at {@code node} of {@code entry} the answer {@code choice} was given.
     *
     * @param by {@code visitor} when picked, {@code evidence} when read from the pasted text
     */
    public record Step(String entry, String node, String choice, String by) {}

    /** A one-line subject for mail and tickets. */
    public String subject() {
        String what = entry != null ? entry.title() : "an unmatched problem";
        return "Gateway Doctor handoff: " + what;
    }

    /** The text a person reads: who asked, where, then the summary. */
    public String body() {
        StringBuilder sb = new StringBuilder();
        sb.append("From: ").append(name != null ? name + " <" + email + ">" : email).append('\n');
        if (!visitor.isEmpty()) {
            sb.append("Identified by the site as: ");
            if (visitor.id() != null) {
                sb.append("id ").append(visitor.id()).append("; ");
            }
            if (visitor.email() != null) {
                sb.append("e-mail ").append(visitor.email()).append("; ");
            }
            if (visitor.name() != null) {
                sb.append("name ").append(visitor.name()).append("; ");
            }
            if (visitor.plan() != null) {
                sb.append("plan ").append(visitor.plan()).append("; ");
            }
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        if (page != null) {
            sb.append("Page: ").append(page).append('\n');
        }
        if (lang != null) {
            sb.append("Language: ").append(lang).append('\n');
        }
        sb.append("Reference: ").append(id).append("\n\n").append(summary);
        return sb.toString();
    }
}
