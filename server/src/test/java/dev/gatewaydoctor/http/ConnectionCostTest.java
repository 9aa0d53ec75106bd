package dev.gatewaydoctor.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewaydoctor.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a kept-alive connection costs the heap. The soak holds 512 of them beside 250 slow ones, under
 * a heap of 128 MB; Jetty's per-connection header cache alone held about 50 MB of that live.
 */
class ConnectionCostTest {

    static final int CONNECTIONS = 300;

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the least of a few: a collection may leave some garbage behind
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static void request(Socket s) throws IOException {
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\nUser-Agent: cost-test\r\nAccept: */*\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertEquals(200, RawHttp.read(s.getInputStream()).status());
    }

    @Test
    void a_kept_alive_connection_holds_a_few_kilobytes_of_heap_not_tens() throws Exception {
        try (TestServer server = new TestServer(Map.of("GATEWAY_DOCTOR_RATE_LIMIT", "0"))) {
            int port = server.app().port();
            List<Socket> open = new ArrayList<>();
            try {
                try (Socket warm = RawHttp.open(port, 5000)) {
                    request(warm);
                    request(warm);
                }
                long before = usedAfterGc();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = RawHttp.open(port, 5000);
                    // Two requests: Jetty builds its header cache at a connection's second request.
                    request(s);
                    request(s);
                    open.add(s);
                }
                long perConnection = (usedAfterGc() - before) / CONNECTIONS;
                assertTrue(perConnection < 8 * 1024, perConnection + " bytes of heap per kept-alive connection");
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }
}
