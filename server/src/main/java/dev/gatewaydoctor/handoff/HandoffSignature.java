package dev.gatewaydoctor.handoff;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook receiver knows a handoff came from this server, on Slack's pattern:
 * {@code X-Gateway-Doctor-Signature: v1=hex(hmac-sha256(secret, "v1:" + timestamp + ":" + body))}
 * over the raw body bytes, with {@code X-Gateway-Doctor-Timestamp} in Unix seconds. A receiver
 * recomputes it with the shared secret, compares in constant time, and refuses timestamps more than
 * {@link #MAX_SKEW} from its clock so a captured request cannot be replayed. Thread-safe.
 */
public final class HandoffSignature {

    public static final String SIGNATURE_HEADER = "X-Gateway-Doctor-Signature";
    public static final String TIMESTAMP_HEADER = "X-Gateway-Doctor-Timestamp";
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final SecretKeySpec key;
    private final Clock clock;

    /**
     * @param secret the shared secret; at least 16 characters
     * @param secretName the environment variable it came from, named in the error when it is unusable
     */
    public HandoffSignature(String secret, String secretName, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(secretName + " must be set to a secret of at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
    }

    /** The signature header value for {@code body} sent at {@code timestamp} (Unix seconds). */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Now, as the timestamp header carries it. */
    public String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    /**
     * What a receiver does with the two headers and the raw body; also used by the tests.
     *
     * @throws Rejected saying which check failed, never echoing the expected signature
     */
    public void verify(String timestamp, String signature, byte[] body) throws Rejected {
        if (timestamp == null || timestamp.isBlank()) {
            throw new Rejected("the " + TIMESTAMP_HEADER + " header is missing");
        }
        if (signature == null || signature.isBlank()) {
            throw new Rejected("the " + SIGNATURE_HEADER + " header is missing");
        }
        if (timestamp.length() > MAX_TIMESTAMP_DIGITS || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Rejected("the " + TIMESTAMP_HEADER + " header is not a number of seconds");
        }
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > MAX_SKEW.toSeconds()) {
            throw new Rejected("the timestamp is more than " + MAX_SKEW.toMinutes() + " minutes from now");
        }
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("the signature does not verify");
        }
    }

    /** A request that is not provably from this server. */
    public static final class Rejected extends Exception {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
