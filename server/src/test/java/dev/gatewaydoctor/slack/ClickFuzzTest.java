package dev.gatewaydoctor.slack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gatewaydoctor.http.ApiError;

/** An interaction payload is a click or a 400 saying why not. */
class ClickFuzzTest {

    @FuzzTest
    void parse(String payload) {
        if (payload == null) {
            return; // a missing field is refused before parsing
        }
        try {
            Click.parse(payload);
        } catch (ApiError e) {
            if (e.status() != 400) {
                throw e;
            }
        }
    }
}
