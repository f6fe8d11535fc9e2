package dev.gitlablink.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertEquals("203.0.113.7", ClientAddress.key(SocketAddress.inetSocketAddress(4711, "203.0.113.7")));
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        String first = ClientAddress.key(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:aaaa::1"));
        String sameNetwork = ClientAddress.key(SocketAddress.inetSocketAddress(2, "2001:db8:1:2:ffff:ffff:ffff:ffff"));
        String otherNetwork = ClientAddress.key(SocketAddress.inetSocketAddress(3, "2001:db8:1:3::1"));

        assertEquals("20010db800010002::/64", first);
        assertEquals(first, sameNetwork);
        assertNotEquals(first, otherNetwork);
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Address() {
        assertEquals("192.0.2.1", ClientAddress.key(SocketAddress.inetSocketAddress(1, "::ffff:192.0.2.1")));
    }

    @Test
    void noAddressIsOneKey() {
        assertEquals("unknown", ClientAddress.key(null));
    }
}
