package dev.gatewaydoctor.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The keys that may call the ticket API, from {@code GATEWAY_DOCTOR_API_KEYS} (comma-separated).
 * A presented key is compared with every configured key, each through its SHA-256 digest and
 * {@link MessageDigest#isEqual}, without stopping at the first hit: how long a check takes says
 * nothing about which key, or how much of one, was right. Keys are never logged or printed.
 */
public final class ApiKeys {

    public static final String ENV = "GATEWAY_DOCTOR_API_KEYS";
    /** A key anyone could guess in a few thousand tries is no key: 16 characters at least. */
    public static final int MIN_LENGTH = 16;
    private static final String BEARER = "Bearer ";

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    /**
     * Keys from a comma-separated value; blanks between commas are ignored.
     *
     * @throws IllegalArgumentException naming the variable (never the key) when a key is shorter than {@link #MIN_LENGTH}
     */
    public static ApiKeys parse(String value) {
        return parse(ENV, value);
    }

    /** Keys from the comma-separated value of the environment variable {@code variable}, named in any error. */
    public static ApiKeys parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            return new ApiKeys(List.of());
        }
        List<String> keys = Arrays.stream(value.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).length() < MIN_LENGTH) {
                throw new IllegalArgumentException(variable + ": key " + (i + 1) + " of " + keys.size() + " is "
                        + keys.get(i).length() + " characters; each key must be at least " + MIN_LENGTH);
            }
        }
        return new ApiKeys(keys.stream().map(ApiKeys::digest).toList());
    }

    /** Whether any key is configured; without one the API refuses every call. */
    public boolean configured() {
        return !digests.isEmpty();
    }

    /** Whether an {@code Authorization} header value carries one of the keys as a bearer token. */
    public boolean accepts(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        boolean ok = false;
        for (byte[] key : digests) {
            ok |= MessageDigest.isEqual(key, presented);
        }
        return ok;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.size() + " configured]";
    }
}
