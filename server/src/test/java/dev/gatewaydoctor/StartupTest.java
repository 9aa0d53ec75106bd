package dev.gatewaydoctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.slack.SlackSignature;
import dev.gatewaydoctor.tickets.ApiKeys;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up refuses weak secrets and reports a busy port in one line. */
class StartupTest {

    static Settings env(String name, String value) {
        return Settings.defaults().withPort(0).withEnv(Map.of(name, value));
    }

    @Test
    void secrets_shorter_than_the_minimum_are_refused_naming_the_variable() {
        for (Map.Entry<String, String> weak : Map.of(ApiKeys.ENV, "long-enough-key-0001,ab",
                SlackSignature.SECRET_ENV, "tooshort", "GATEWAY_DOCTOR_STATE_KEY", "short").entrySet()) {
            var e = assertThrows(IllegalArgumentException.class, () -> new App(env(weak.getKey(), weak.getValue()), TestServer.bundledKb()));
            assertTrue(e.getMessage().contains(weak.getKey()), e.getMessage());
            assertFalse(e.getMessage().contains(weak.getValue().substring(weak.getValue().length() - 2) + " "), "the key is not echoed");
        }
    }

    @Test
    void a_port_in_use_is_one_line_and_exit_1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            MainTest.Run r = MainTest.run("--host", "127.0.0.1", "--port", String.valueOf(busy.getLocalPort()), "--kb", "kb");
            assertEquals(1, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: cannot listen on 127.0.0.1:" + busy.getLocalPort()), r.err());
        }
    }
}
