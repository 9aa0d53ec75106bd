package dev.gatewaydoctor.slack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    // Slack's worked example ("Verifying requests from Slack"; also the Java SDK's SlackSignatureTest).
    static final String EXAMPLE_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String EXAMPLE_TIMESTAMP = "1531420618";
    static final String EXAMPLE_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
            + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String EXAMPLE_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static final SlackSignature EXAMPLE = new SlackSignature(EXAMPLE_SECRET, at(Long.parseLong(EXAMPLE_TIMESTAMP)));

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacks_published_example_signs_to_the_published_signature() {
        assertEquals(EXAMPLE_SIGNATURE, EXAMPLE.sign(EXAMPLE_TIMESTAMP, bytes(EXAMPLE_BODY)));
    }

    @Test
    void slacks_published_example_verifies() {
        assertDoesNotThrow(() -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, bytes(EXAMPLE_BODY)));
    }

    @Test
    void a_body_changed_by_one_byte_is_rejected() {
        String changed = EXAMPLE_BODY.replace("text=&", "text=x&");
        var e = assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, bytes(changed)));
        assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    }

    @Test
    void a_signature_made_with_another_secret_is_rejected() {
        SlackSignature other = new SlackSignature("another-secret-entirely", at(Long.parseLong(EXAMPLE_TIMESTAMP)));
        String forged = other.sign(EXAMPLE_TIMESTAMP, bytes(EXAMPLE_BODY));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, forged, bytes(EXAMPLE_BODY)));
    }

    @Test
    void the_signature_covers_the_timestamp() {
        // The same body and signature replayed under a new timestamp (within the window) must fail.
        String later = String.valueOf(Long.parseLong(EXAMPLE_TIMESTAMP) + 60);
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(later, EXAMPLE_SIGNATURE, bytes(EXAMPLE_BODY)));
    }

    @Test
    void timestamps_up_to_five_minutes_away_are_accepted_and_beyond_rejected_in_both_directions() {
        long ts = Long.parseLong(EXAMPLE_TIMESTAMP);
        for (long now : new long[] {ts + 300, ts - 300}) {
            SlackSignature s = new SlackSignature(EXAMPLE_SECRET, at(now));
            assertDoesNotThrow(() -> s.verify(EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, bytes(EXAMPLE_BODY)));
        }
        for (long now : new long[] {ts + 301, ts - 301}) {
            SlackSignature s = new SlackSignature(EXAMPLE_SECRET, at(now));
            var e = assertThrows(SlackSignature.Rejected.class, () -> s.verify(EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE, bytes(EXAMPLE_BODY)));
            assertTrue(e.getMessage().contains("5 minutes"), e.getMessage());
        }
    }

    @Test
    void missing_or_malformed_headers_are_rejected() {
        byte[] body = bytes(EXAMPLE_BODY);
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(null, EXAMPLE_SIGNATURE, body));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, null, body));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(" ", EXAMPLE_SIGNATURE, body));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify("-1531420618", EXAMPLE_SIGNATURE, body));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify("99999999999999999999", EXAMPLE_SIGNATURE, body));
        assertThrows(SlackSignature.Rejected.class, () -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, "v0=", body));
        assertThrows(SlackSignature.Rejected.class,
                () -> EXAMPLE.verify(EXAMPLE_TIMESTAMP, EXAMPLE_SIGNATURE.toUpperCase(java.util.Locale.ROOT), body));
    }

    @Test
    void an_empty_secret_is_refused_naming_the_variable() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SlackSignature(" ", Clock.systemUTC()));
        assertTrue(e.getMessage().contains(SlackSignature.SECRET_ENV));
    }
}
