package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tickets from JSON: the API's own shape and the body a Zendesk trigger sends (see the README for
 * the trigger's JSON). Every malformed input is a {@link BadTicket} naming the field.
 */
public final class TicketJson {

    /** A ticket body that cannot be used, with a message for the sender. */
    public static final class BadTicket extends Exception {
        public BadTicket(String message) {
            super(message, null, false, false);
        }
    }

    /** The most attachments one ticket may carry. */
    public static final int MAX_ATTACHMENTS = 10;
    /** A rule of dashes opening a rendered Zendesk comment, before its author and date line. */
    private static final Pattern ZENDESK_RULE = Pattern.compile("^\\s*-{10,}\\s*$");

    private TicketJson() {}

    /**
     * {@code {"subject", "body", "body_html"?, "from"?, "id"?, "attachments"?: [{"filename",
     * "content_type", "data" (base64)}]}}.
     */
    public static Ticket fromApi(JsonNode json) throws BadTicket {
        if (json == null || !json.isObject()) {
            throw new BadTicket("a ticket must be a JSON object");
        }
        String subject = string(json, "subject");
        String body = string(json, "body");
        String html = string(json, "body_html");
        List<Ticket.Attachment> attachments = attachments(json.get("attachments"));
        if (blank(subject) && blank(body) && blank(html) && attachments.isEmpty()) {
            throw new BadTicket("the ticket is empty: send a 'subject' and a 'body' (or 'body_html')");
        }
        return new Ticket(id(json.get("id")), subject, body, html, string(json, "from"), attachments);
    }

    /**
     * The JSON a Zendesk trigger sends with the README's body: {@code {"ticket": {"id", "title",
     * "description", "requester": {"name", "email"}}}}. Zendesk renders placeholders as plain text,
     * every value a string; the wrapper object is optional.
     */
    public static Ticket fromZendesk(JsonNode json) throws BadTicket {
        if (json == null || !json.isObject()) {
            throw new BadTicket("the webhook body must be a JSON object");
        }
        JsonNode t = json.has("ticket") ? json.get("ticket") : json;
        if (!t.isObject()) {
            throw new BadTicket("'ticket' must be an object");
        }
        String title = string(t, "title");
        String description = string(t, "description");
        if (blank(title) && blank(description)) {
            throw new BadTicket("the ticket has neither 'title' nor 'description': check the trigger's JSON body");
        }
        String from = null;
        JsonNode requester = t.get("requester");
        if (requester != null && requester.isObject()) {
            String name = string(requester, "name");
            String email = string(requester, "email");
            from = blank(name) ? email : blank(email) ? name : "\"" + name.replace("\"", "") + "\" <" + email + ">";
        } else if (requester != null && requester.isTextual()) {
            from = requester.asText();
        }
        return new Ticket(id(t.get("id")), title, withoutCommentHeader(description), null, from, List.of());
    }

    /**
     * A rendered Zendesk comment starts with a rule of dashes and a line with its author and date;
     * neither is the requester's text.
     */
    static String withoutCommentHeader(String description) {
        if (description == null) {
            return "";
        }
        String[] lines = description.replace("\r\n", "\n").split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !ZENDESK_RULE.matcher(lines[i]).matches()) {
            return description;
        }
        i++;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i < lines.length && lines[i].contains(",") && lines[i].matches(".*\\d.*") && lines[i].length() < 120) {
            i++;
        }
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.min(i, lines.length), lines.length)).strip();
    }

    private static List<Ticket.Attachment> attachments(JsonNode node) throws BadTicket {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new BadTicket("'attachments' must be an array");
        }
        if (node.size() > MAX_ATTACHMENTS) {
            throw new BadTicket("at most " + MAX_ATTACHMENTS + " attachments per ticket, got " + node.size());
        }
        List<Ticket.Attachment> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode a = node.get(i);
            String where = "attachments[" + i + "]";
            if (!a.isObject()) {
                throw new BadTicket(where + " must be an object");
            }
            String data = string(a, "data", where);
            if (blank(data)) {
                throw new BadTicket(where + ".data is missing: send the file's content in base64");
            }
            byte[] bytes;
            try {
                // The MIME decoder accepts line breaks, as base64 from mail and many tools has them.
                bytes = Base64.getMimeDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw new BadTicket(where + ".data is not valid base64");
            }
            out.add(new Ticket.Attachment(string(a, "filename", where), string(a, "content_type", where), bytes));
        }
        return out;
    }

    private static String id(JsonNode node) throws BadTicket {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isIntegralNumber()) {
            throw new BadTicket("'id' must be a string or a whole number");
        }
        String id = node.asText().strip();
        if (id.length() > 200) {
            throw new BadTicket("'id' is longer than 200 characters");
        }
        return id.isEmpty() ? null : id;
    }

    private static String string(JsonNode json, String field) throws BadTicket {
        return string(json, field, null);
    }

    private static String string(JsonNode json, String field, String where) throws BadTicket {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadTicket("'" + (where == null ? field : where + "." + field) + "' must be a string");
        }
        return v.asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
