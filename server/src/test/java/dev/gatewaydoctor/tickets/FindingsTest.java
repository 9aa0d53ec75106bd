package dev.gatewaydoctor.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private static List<String> of(List<Finding> found, String kind) {
        return found.stream().filter(f -> f.kind().equals(kind)).map(Finding::text).toList();
    }

    @Test
    void status_codes_urls_times_and_servers_are_found_with_their_lines() {
        List<Finding> found = Findings.extract("""
                Since 10:02 UTC https://shop.example.org/cart, shows 502 (and sometimes 504).
                Server: some-proxy
                It says Apache/2.4.57 (Debian) Server at shop.example.org Port 443 over HTTP/1.1
                """);
        assertEquals(List.of("502", "504"), of(found, Finding.STATUS));
        assertEquals(List.of("https://shop.example.org/cart"), of(found, Finding.URL));
        assertEquals(List.of("10:02 UTC"), of(found, Finding.TIMESTAMP));
        assertEquals(List.of("some-proxy", "Apache/2.4.57 (Debian)"), of(found, Finding.SERVER));
        Finding url = found.stream().filter(f -> f.kind().equals(Finding.URL)).findFirst().orElseThrow();
        assertEquals(1, url.line());
    }

    @Test
    void log_lines_are_recognised_by_their_generic_shape() {
        List<Finding> found = Findings.extract("""
                Hello, here is what I found:
                2026/11/23 07:12:45 [error] 1234#1234: *5678 something failed
                [Mon Nov 23 07:12:45.123456 2026] [proxy:error] [pid 1234] something else
                203.0.113.7 - - [23/Nov/2026:07:12:45 +0000] "GET / HTTP/1.1" 502 157 "-" "curl/8.5.0"
                Nov 23 07:12:45 web1 systemd[1]: Started something.
                The site is slow since yesterday.
                """);
        List<String> logs = of(found, Finding.LOG_LINE);
        assertEquals(4, logs.size(), logs.toString());
        assertTrue(logs.get(0).startsWith("2026/11/23"));
        assertTrue(of(found, Finding.TIMESTAMP).contains("23/Nov/2026:07:12:45 +0000"));
    }

    @Test
    void numbers_inside_addresses_ports_and_versions_are_not_status_codes() {
        List<Finding> found = Findings.extract("Listening on port 502, build 1.502.3, see https://example.org/502");
        assertEquals(List.of(), of(found, Finding.STATUS));
    }
}
