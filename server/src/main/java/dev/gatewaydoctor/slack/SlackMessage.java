package dev.gatewaydoctor.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.slack.api.model.block.LayoutBlock;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A message for Slack: the body of a slash command's answer or of a post to a {@code response_url}.
 *
 * @param responseType {@code ephemeral} (only the user sees it) or {@code in_channel}; null keeps the original's
 * @param replaceOriginal whether a {@code response_url} post replaces the message whose button was clicked
 * @param text the notification text, shown where blocks cannot be
 * @param blocks the Block Kit layout
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlackMessage(
        @JsonProperty("response_type") String responseType,
        @JsonProperty("replace_original") Boolean replaceOriginal,
        @JsonProperty("text") String text,
        @JsonProperty("blocks") List<LayoutBlock> blocks) {

    public static final String EPHEMERAL = "ephemeral";
    public static final String IN_CHANNEL = "in_channel";

    /**
     * The SDK's Block Kit models are Lombok beans with camelCase getters; Slack's JSON is snake_case
     * without nulls. Serializing them with Jackson this way keeps one JSON library in the server
     * (the SDK's GsonFactory lives in slack-api-client, which would bring an HTTP stack we must not use).
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }

    /** The answer to a slash command: only the user who typed it sees it. */
    public static SlackMessage ephemeral(String text, List<LayoutBlock> blocks) {
        return new SlackMessage(EPHEMERAL, null, text, blocks);
    }

    /** Replaces the message whose button was clicked. */
    public static SlackMessage replacing(String text, List<LayoutBlock> blocks) {
        return new SlackMessage(null, true, text, blocks);
    }

    /** A new message everyone in the channel sees; the clicked message stays. */
    public static SlackMessage inChannel(String text, List<LayoutBlock> blocks) {
        return new SlackMessage(IN_CHANNEL, false, text, blocks);
    }

    /** A new ephemeral message beside the clicked one, e.g. to say a click could not be followed. */
    public static SlackMessage notice(String text, List<LayoutBlock> blocks) {
        return new SlackMessage(EPHEMERAL, false, text, blocks);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
