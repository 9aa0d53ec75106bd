package dev.gatewaydoctor.tickets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any plain and HTML body cleans to a text without throwing (through the public entry point only). */
class MailTextFuzzTest {

    @FuzzTest
    void of(FuzzedDataProvider data) {
        String plain = data.consumeString(4096);
        String html = data.consumeBoolean() ? data.consumeRemainingAsString() : null;
        MailText text = MailText.of(plain, html);
        if (text == null) {
            throw new AssertionError("no text");
        }
    }
}
