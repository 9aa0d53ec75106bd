package dev.gatewaydoctor.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewaydoctor.http.ApiError;
import java.io.IOException;

/**
 * A button click, from the {@code payload} of a {@code block_actions} interaction.
 *
 * @param actionId which button ({@link BlockKit#SHARE} or a choice button)
 * @param value what the button carries ({@link ButtonValue})
 * @param responseUrl where to post the updated message
 * @param userId who clicked
 */
record Click(String actionId, String value, String responseUrl, String userId) {

    static final String BLOCK_ACTIONS = "block_actions";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The click in an interaction payload, or a 400 saying what is missing. */
    static Click parse(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw ApiError.badRequest("the interaction 'payload' is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("the interaction 'payload' must be a JSON object");
        }
        String type = root.path("type").asText("");
        if (!type.equals(BLOCK_ACTIONS)) {
            throw ApiError.badRequest("unsupported interaction type '" + type + "': only " + BLOCK_ACTIONS + " is handled");
        }
        JsonNode action = root.path("actions").path(0);
        String actionId = action.path("action_id").asText("");
        String value = action.path("value").asText("");
        String responseUrl = root.path("response_url").asText("");
        if (actionId.isEmpty() || value.isEmpty()) {
            throw ApiError.badRequest("the interaction has no action with an 'action_id' and a 'value'");
        }
        if (responseUrl.isEmpty()) {
            throw ApiError.badRequest("the interaction has no 'response_url'");
        }
        return new Click(actionId, value, responseUrl, root.path("user").path("id").asText(""));
    }
}
