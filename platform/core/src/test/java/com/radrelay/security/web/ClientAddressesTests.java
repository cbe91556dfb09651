package com.radrelay.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTests {

    private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.9.0.0/16", "192.0.2.7"));

    @Test
    void aClientNotComingThroughAProxyCannotNameItsOwnAddress() {
        assertThat(behindProxies.of(request("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
        assertThat(new ClientAddresses(List.of()).of(request("10.9.0.1", "198.51.100.1"))).isEqualTo("10.9.0.1");
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
        // The client claims 1.1.1.1; our proxies saw it connect from 198.51.100.1.
        assertThat(behindProxies.of(request("10.9.0.5", "1.1.1.1, 198.51.100.1, 192.0.2.7"))).isEqualTo("198.51.100.1");
        assertThat(behindProxies.of(request("10.9.0.5", "2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(behindProxies.of(request("10.9.0.5", null))).isEqualTo("10.9.0.5");
    }

    @Test
    void somethingThatIsNoAddressIsNeverTaken() {
        assertThat(behindProxies.of(request("10.9.0.5", "dead.beef"))).isEqualTo("10.9.0.5");
        assertThat(behindProxies.of(request("10.9.0.5", "198.51.100.1, unknown"))).isEqualTo("10.9.0.5");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
