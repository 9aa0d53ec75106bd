package dev.gatewaydoctor.outcomes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    static final Redaction BUNDLED = Redaction.load(List.of(Path.of("kb")));

    /** Every personal or secret value in the fixtures: none may survive redaction. */
    static final List<String> SECRETS = List.of("198.51.100.23", "shop.acme-widgets", "acme-widgets", "9f8e7d6c5b4a",
            "2001:db8:85a3", "8a2e:370:7334", "10.0.3.17", "203.0.113.9", "2001:db8::17", "jane-bakery", "192.0.2.44",
            "sk_live_51HxQz8e2LkT9vWq3RmN7bYc", "eyJhbGciOiJIUzI1NiJ9", "dBjftJeZ4CVPmB92K27uhbUJU1p1r", "Hunter2Secret",
            "7d2a9b3c4e5f6a7b", "7946 0958", "123-4567", "jane.doe");

    static String fixture(String name) throws IOException {
        return Files.readString(Path.of("server/src/test/resources/outcomes", name), StandardCharsets.UTF_8);
    }

    @Test
    void nginx_log_lines_lose_client_addresses_hosts_and_session_ids_but_keep_the_error() throws IOException {
        String out = BUNDLED.redact(fixture("nginx-error.log"));
        for (String secret : SECRETS) {
            assertFalse(out.contains(secret), () -> "'" + secret + "' survived in:\n" + out);
        }
        assertTrue(out.contains("connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory)"), out);
        assertTrue(out.contains("client: [ip], server: [host]"), out);
        assertTrue(out.contains("upstream: \"fastcgi://unix:/run/php/php8.2-fpm.sock:\""), out);
        assertTrue(out.contains("upstream timed out (110: Connection timed out) while reading response header from upstream"), out);
        assertTrue(out.contains("client: [ip], server: [host], request: \"POST /v1/orders HTTP/1.1\", upstream: \"[url]\""), out);
        assertTrue(out.contains("2024/05/14 10:21:07 [crit] 1187#1187: *5678"), "timestamps and pids stay: " + out);
        assertTrue(out.contains("\"http://127.0.0.1:3000/\""), "loopback names no one: " + out);
        assertTrue(out.contains("session=[token]"), out);
    }

    @Test
    void a_support_mail_loses_addresses_keys_tokens_and_phone_numbers_but_keeps_software_names() throws IOException {
        String out = BUNDLED.redact(fixture("support-mail.txt"));
        for (String secret : SECRETS) {
            assertFalse(out.contains(secret), () -> "'" + secret + "' survived in:\n" + out);
        }
        assertTrue(out.contains("\"502 Bad Gateway\""), out);
        assertTrue(out.contains("\"nginx/1.24.0 (Ubuntu)\""), out);
        assertTrue(out.contains("https://nginx.org/en/docs/http/ngx_http_upstream_module.html"), "public docs stay: " + out);
        assertTrue(out.contains("Authorization: Bearer [token]"), out);
        assertTrue(out.contains("password=[token]"), out);
        assertTrue(out.contains("write to [email]"), out);
        assertTrue(out.contains("Call me on [phone] or [phone]"), out);
    }

    @Test
    void words_that_only_look_like_hosts_stay() {
        String text = "php-fpm listens on /run/php/php8.1-fpm.sock, see nginx.conf and index.php; the app is Node.js on ASP.NET? "
                + "No, e.g. x86_64-linux-gnu at 10:21:07 on 2024-05-14, HTTP/1.1, build 1.18.0";
        assertEquals(text, BUNDLED.redact(text));
    }

    @Test
    void without_the_kb_list_every_host_name_is_redacted() {
        assertEquals("see [url] on [host]", Redaction.strict().redact("see https://nginx.org/en/ on nginx.org"));
    }

    @Test
    void ipv6_needs_eight_groups_or_a_double_colon() {
        assertTrue(Redaction.isIpv6("2001:db8::1"));
        assertTrue(Redaction.isIpv6("fe80:0:0:0:200:f8ff:fe21:67cf"));
        assertFalse(Redaction.isIpv6("10:21:07"));
        assertFalse(Redaction.isIpv6("1::2::3"));
    }

    @Test
    void the_fingerprint_ignores_case_and_spacing() {
        assertEquals(Redaction.fingerprint("502 Bad  Gateway\nnginx"), Redaction.fingerprint("502 bad gateway nginx"));
        assertFalse(Redaction.fingerprint("502").equals(Redaction.fingerprint("504")));
    }
}
