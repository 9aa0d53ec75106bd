package dev.gatewaydoctor.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedactionTest {

    final Redaction redact = new Redaction();

    @Test
    void addresses_and_tokens_in_a_pasted_log_are_replaced_and_the_error_is_kept() throws Exception {
        String pasted = Files.readString(Path.of("server/src/test/resources/handoff/pasted-with-secrets.txt"));
        String out = redact.apply(pasted);
        for (String secret : new String[] {"203.0.113.45", "2001:db8::17", "ops-team@example.org",
                "4f9c2b7e81d04a6f9e3c5b1a2d7f8e60aa12", "eyJhbGciOiJIUzI1NiJ9", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}) {
            assertFalse(out.contains(secret), secret + " is still in:\n" + out);
        }
        for (String kept : new String[] {"connect() failed (111: Connection refused) while connecting to upstream",
                "502 Bad Gateway", "nginx/1.24.0", "2024/05/14 09:12:44", "shop.example.org"}) {
            assertTrue(out.contains(kept), kept + " was lost:\n" + out);
        }
    }

    @Test
    void times_versions_and_short_ids_are_not_mistaken_for_addresses() {
        String text = "at 12:30:45 Apache/2.4.58 Ray ID: 8c1f2a3b4d5e6f70 worker 2811#2811";
        assertEquals(text, redact.apply(text));
    }
}
