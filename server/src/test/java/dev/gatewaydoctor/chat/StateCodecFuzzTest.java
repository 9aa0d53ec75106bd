package dev.gatewaydoctor.chat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.Deflater;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A state token is a state or a {@link StateCodec.BadState}, nothing else: raw tokens, and payloads
 * signed with the right key (what a bug in an older version could have signed) alike.
 */
class StateCodecFuzzTest {

    static final byte[] KEY = StateCodec.keyFrom("a fuzzing key of enough length");
    static final StateCodec CODEC = new StateCodec(KEY);

    @FuzzTest
    void decode(FuzzedDataProvider data) throws Exception {
        String token = data.consumeBoolean() ? data.consumeRemainingAsString() : signed(data.consumeRemainingAsBytes());
        try {
            State state = CODEC.decode(token);
            CODEC.encode(state);
        } catch (StateCodec.BadState expected) {
            // refused with a reason: fine
        }
    }

    /** The token the codec would make for {@code json} as the state's serialized form. */
    static String signed(byte[] json) throws Exception {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        byte[] payload = out.toByteArray();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(Arrays.copyOf(mac.doFinal(payload), 16));
    }
}
