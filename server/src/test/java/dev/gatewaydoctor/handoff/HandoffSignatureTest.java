package dev.gatewaydoctor.handoff;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HandoffSignatureTest {

    static final String SECRET = "a-shared-secret-of-32-characters";
    static final byte[] BODY = "{\"id\":\"known\"}".getBytes(StandardCharsets.UTF_8);
    static final Clock AT = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    /** Computed outside Java: printf 'v1:1700000000:{"id":"known"}' | openssl dgst -sha256 -hmac SECRET */
    static final String KNOWN = "v1=280bd833d8c444d1ab34ee7ab4afebb571e790a37059564235a9232e8532ed05";

    @Test
    void the_signature_matches_one_computed_by_openssl_over_the_same_bytes() {
        assertEquals(KNOWN, new HandoffSignature(SECRET, "S", AT).sign("1700000000", BODY));
    }

    @Test
    void a_receiver_accepts_the_signed_body_and_refuses_a_changed_one() {
        HandoffSignature s = new HandoffSignature(SECRET, "S", AT);
        assertDoesNotThrow(() -> s.verify("1700000000", KNOWN, BODY));
        byte[] changed = "{\"id\":\"known \"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(HandoffSignature.Rejected.class, () -> s.verify("1700000000", KNOWN, changed));
        assertThrows(HandoffSignature.Rejected.class, () -> new HandoffSignature(SECRET + "x", "S", AT)
                .verify("1700000000", KNOWN, BODY));
    }

    @Test
    void a_replayed_request_older_than_five_minutes_is_refused() {
        HandoffSignature later = new HandoffSignature(SECRET, "S", Clock.offset(AT, java.time.Duration.ofMinutes(6)));
        HandoffSignature.Rejected e = assertThrows(HandoffSignature.Rejected.class, () -> later.verify("1700000000", KNOWN, BODY));
        assertTrue(e.getMessage().contains("minutes"), e.getMessage());
        assertThrows(HandoffSignature.Rejected.class, () -> later.verify("17e8", KNOWN, BODY));
        assertThrows(HandoffSignature.Rejected.class, () -> later.verify(null, KNOWN, BODY));
    }

    @Test
    void a_short_secret_stops_the_start_naming_the_variable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HandoffSignature("short", WebhookRoute.SECRET_ENV, AT));
        assertTrue(e.getMessage().contains(WebhookRoute.SECRET_ENV), e.getMessage());
    }
}
