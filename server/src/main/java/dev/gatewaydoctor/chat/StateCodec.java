package dev.gatewaydoctor.chat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link State} into a compact, signed token and back. The token is
 * {@code base64url(deflate(json)) "." base64url(hmac-sha256)[:16 bytes]}; a token whose signature
 * does not verify, or that does not decode, is rejected, so a client cannot forge where it is.
 * Thread-safe.
 */
public final class StateCodec {

    /** Tokens larger than this are refused before any work: no state legitimately gets near it. */
    public static final int MAX_TOKEN = 8 * 1024;
    private static final int MAX_JSON = 64 * 1024;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private final byte[] key;

    public StateCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the state signing key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** A codec with a random key: tokens only verify on this process. */
    public static StateCodec random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new StateCodec(k);
    }

    public String encode(State state) {
        try {
            byte[] payload = deflate(json.writeValueAsBytes(state));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
        } catch (IOException e) {
            throw new IllegalStateException("state cannot be written", e);
        }
    }

    /** The state in a token; {@link BadState} when it is malformed, too large or not ours. */
    public State decode(String token) throws BadState {
        if (token == null || token.isBlank()) {
            throw new BadState("the state is empty");
        }
        if (token.length() > MAX_TOKEN) {
            throw new BadState("the state is too large");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw new BadState("the state is malformed");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new BadState("the state is malformed");
        }
        if (!MessageDigest.isEqual(mac(payload), signature)) {
            throw new BadState("the state's signature does not verify");
        }
        try {
            return json.readValue(inflate(payload), State.class);
        } catch (IOException | DataFormatException e) {
            throw new BadState("the state is malformed");
        }
    }

    /** A state token that cannot be trusted. */
    public static final class BadState extends Exception {
        public BadState(String message) {
            super(message, null, false, false);
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates with a ceiling, so a small token cannot expand into a memory bomb. */
    private static byte[] inflate(byte[] in) throws DataFormatException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_JSON) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** Bytes of a key given as text in the environment. */
    public static byte[] keyFrom(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
