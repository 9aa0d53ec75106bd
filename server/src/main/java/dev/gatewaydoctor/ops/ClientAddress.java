package dev.gatewaydoctor.ops;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a request comes from, for rate limits and the access log: the connection's address, or,
 * when that address is one of the trusted proxies, the first address of {@code X-Forwarded-For}
 * (the client as the first proxy saw it). Headers from anyone else are ignored, so a client
 * cannot pick its own bucket by sending the header. Thread-safe.
 */
public final class ClientAddress {

    /** Comma-separated addresses or CIDR blocks of the proxies in front, e.g. {@code 10.0.0.0/8,127.0.0.1}. */
    public static final String ENV = "GATEWAY_DOCTOR_TRUSTED_PROXIES";

    /** One address block. */
    record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> trusted;

    private ClientAddress(List<Block> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** No proxy trusted: the connection's address is the client. */
    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    /** The proxies in {@link #ENV}'s format; a malformed item stops the start with a message naming it. */
    public static ClientAddress parse(String list) {
        List<Block> blocks = new ArrayList<>();
        if (list != null) {
            for (String raw : list.split(",")) {
                String item = raw.strip();
                if (!item.isEmpty()) {
                    blocks.add(block(item));
                }
            }
        }
        return new ClientAddress(blocks);
    }

    private static Block block(String item) {
        String[] parts = item.split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException(ENV + " must list IP addresses or CIDR blocks, got '" + item + "'");
        }
        int prefix = address.length * 8;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException(ENV + ": bad prefix length in '" + item + "'");
            }
        }
        return new Block(address, prefix);
    }

    /** The bytes of an IP literal, or null when it is not one (host names are never resolved). */
    static byte[] literal(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || !(s.matches("[0-9.]+") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+")))) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean trusts(String address) {
        byte[] a = literal(address);
        return a != null && trusted.stream().anyMatch(b -> b.contains(a));
    }

    /** The client's address for this request. */
    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        return of(peer, ctx.header("X-Forwarded-For"));
    }

    String of(String peer, String forwardedFor) {
        if (forwardedFor != null && !trusted.isEmpty() && trusts(peer)) {
            String first = forwardedFor.split(",", 2)[0].strip();
            if (literal(first) != null) {
                return first;
            }
        }
        return peer;
    }

    /** Whether the connection itself comes from this machine (the health checks of a container or a node). */
    public static boolean loopback(Context ctx) {
        byte[] a = literal(ctx.req().getRemoteAddr());
        try {
            return a != null && InetAddress.getByAddress(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
