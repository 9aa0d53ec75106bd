package dev.gatewaydoctor.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing, version 0: {@code v0=hex(hmac-sha256(secret, "v0:" + timestamp + ":" + body))}
 * over the raw body bytes, with the timestamp no more than {@link #MAX_SKEW} from now in either
 * direction so that a captured request cannot be replayed later. Thread-safe.
 */
public final class SlackSignature {

    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    /** Environment variable holding the app's signing secret. */
    public static final String SECRET_ENV = "SLACK_SIGNING_SECRET";
    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    /** Slack's secrets are 32 hex characters; anything much shorter is a placeholder or a typo. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final String VERSION = "v0";
    private static final String ALGORITHM = "HmacSHA256";
    /** Longer than any epoch-seconds value for millennia: bounds what is parsed. */
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final SecretKeySpec key;
    private final Clock clock;
    private final ReplayCache replays;

    /**
     * @param signingSecret the secret from the app's "Basic Information" page
     * @param clock what "now" is, injected so tests can fix it
     */
    public SlackSignature(String signingSecret, Clock clock) {
        if (signingSecret == null || signingSecret.isBlank()) {
            throw new IllegalArgumentException(SECRET_ENV + " is empty");
        }
        if (signingSecret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(SECRET_ENV + " must be at least " + MIN_SECRET_LENGTH
                    + " characters (the app's Signing Secret from its Basic Information page)");
        }
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = clock;
        this.replays = new ReplayCache(clock, MAX_SKEW, 100_000);
    }

    /** The signature Slack would send for {@code body} at {@code timestamp}. */
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

    /**
     * Checks a request's two headers against its raw body.
     *
     * @throws Rejected saying which check failed (never echoing the expected signature)
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
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            throw new Rejected("the request timestamp is more than " + MAX_SKEW.toMinutes() + " minutes from now");
        }
        // Compared as bytes in constant time: the time taken says nothing about how much matched.
        byte[] expected = sign(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("the request signature does not verify");
        }
    }

    /**
     * {@link #verify}, then refuses a request already accepted: the same signature (timestamp and
     * body) within the window is a replay.
     *
     * @throws Replayed when this exact signed request was accepted before
     */
    public void verifyOnce(String timestamp, String signature, byte[] body) throws Rejected, Replayed {
        verify(timestamp, signature, body);
        if (!replays.firstTime(signature.strip(), Long.parseLong(timestamp))) {
            throw new Replayed("this signed request was already received: a replay is not answered twice");
        }
    }

    /** A request that verifies but was already accepted once. */
    public static final class Replayed extends Exception {
        public Replayed(String message) {
            super(message, null, false, false);
        }
    }

    /** A request that is not provably from Slack. */
    public static final class Rejected extends Exception {
        public Rejected(String message) {
            super(message, null, false, false);
        }
    }
}
