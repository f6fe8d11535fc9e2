package dev.gitlablink.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The key of a client address for the per-address limits: the connection's remote address, which Quarkus replaces
 * by the forwarded one only when proxy forwarding is on ({@code TRUST_PROXY_HEADERS}). An IPv6 address counts by
 * its /64 network, since one host usually holds a whole /64 and could otherwise take a new address per request.
 */
public final class ClientAddress {

    private static final int IPV6_NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return key(request.remoteAddress());
    }

    static String key(SocketAddress address) {
        String host = address == null ? null : address.hostAddress();
        if (host == null || host.isEmpty()) {
            return "unknown";
        }
        if (host.indexOf(':') < 0) {
            return host;
        }
        try {
            // A literal: parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1)
                    : host);
            if (parsed instanceof Inet6Address) {
                byte[] network = new byte[IPV6_NETWORK_BYTES];
                System.arraycopy(parsed.getAddress(), 0, network, 0, IPV6_NETWORK_BYTES);
                return HexFormat.of().formatHex(network) + "::/64";
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException notALiteral) {
            return host;
        }
    }
}
