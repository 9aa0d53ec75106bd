package dev.gatewaydoctor.kb;

import java.util.Arrays;
import java.util.Optional;

/** Who acts on an entry. */
public enum Audience {
    VISITOR("visitor"),
    SITE_OWNER("site-owner"),
    SERVER_ADMIN("server-admin");

    private final String key;

    Audience(String key) {
        this.key = key;
    }

    /** The spelling used in front matter and JSON. */
    public String key() {
        return key;
    }

    public static Optional<Audience> byKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }
}
