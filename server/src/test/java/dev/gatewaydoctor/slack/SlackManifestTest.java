package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SlackManifestTest {

    @Test
    void the_shipped_manifest_points_slack_at_our_routes_with_only_the_commands_scope() throws Exception {
        JsonNode m = new ObjectMapper(new YAMLFactory()).readTree(Path.of("slack/manifest.yml").toFile());
        JsonNode command = m.path("features").path("slash_commands").path(0);
        assertEquals(SlackChannel.DEFAULT_COMMAND, command.path("command").asText());
        assertTrue(command.path("url").asText().matches("https://[^/]+/slack/commands"), command.toString());
        JsonNode interactivity = m.path("settings").path("interactivity");
        assertTrue(interactivity.path("is_enabled").asBoolean());
        assertTrue(interactivity.path("request_url").asText().matches("https://[^/]+/slack/interactions"));
        assertEquals("[\"commands\"]", m.path("oauth_config").path("scopes").path("bot").toString());
    }
}
