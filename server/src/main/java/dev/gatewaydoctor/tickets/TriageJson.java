package dev.gatewaydoctor.tickets;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a triaged ticket, shared by the HTTP API and the batch report. */
public final class TriageJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private TriageJson() {}

    /**
     * {@code {"ticket_id"?, "results", "matched", "confidence", "evidence", "action", "reply", "tags",
     * "entries", "text", "removed"}}: the ticket's own id first when it has one.
     */
    public static Map<String, Object> view(Ticket ticket, Triage.Result result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ticket.id() != null) {
            out.put("ticket_id", ticket.id());
        }
        out.putAll(JSON.convertValue(result, MAP));
        return out;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
