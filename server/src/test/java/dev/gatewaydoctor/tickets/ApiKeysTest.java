package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = ApiKeys.parse(" first-key-0123ab , ,second-key-4567ab ");

    @Test
    void every_configured_key_is_accepted_as_a_bearer_token() {
        assertTrue(keys.accepts("Bearer first-key-0123ab"));
        assertTrue(keys.accepts("bearer second-key-4567ab"));
    }

    @Test
    void a_wrong_partial_or_differently_sent_key_is_refused() {
        assertFalse(keys.accepts("Bearer first-key-012"));
        assertFalse(keys.accepts("Bearer first-key-0123ab4"));
        assertFalse(keys.accepts("Basic first-key-0123ab"));
        assertFalse(keys.accepts("first-key-0123ab"));
        assertFalse(keys.accepts("Bearer "));
        assertFalse(keys.accepts(null));
    }

    @Test
    void no_keys_means_not_configured_and_nothing_accepted() {
        ApiKeys none = ApiKeys.parse(" , ");
        assertFalse(none.configured());
        assertFalse(none.accepts("Bearer "));
        assertFalse(none.toString().contains("key-"));
        assertFalse(keys.toString().contains("first-key"));
    }
}
