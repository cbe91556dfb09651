package com.radrelay.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address a request came from: the connection's peer, unless that peer is a trusted proxy, in which case the
 * X-Forwarded-For hops are read from the right (the nearest first) up to the first one that is not a trusted proxy.
 * Anything a client writes into the header before it reaches our proxies is never taken as its address.
 */
final class ClientAddresses {

    // IP literals only (dotted IPv4, or IPv6 with its colons): nothing here may cause a name lookup.
    private static final Pattern ADDRESS = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}");

    private final List<IpAddressMatcher> proxies;

    ClientAddresses(List<String> trustedProxies) {
        proxies = trustedProxies.stream().filter(p -> !p.isBlank()).map(p -> new IpAddressMatcher(p.strip()))
                .toList();
    }

    String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (!trusted(address)) {
            return address;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!ADDRESS.matcher(hop).matches()) {
                return address; // the nearest proxy passed on something that is no address: it is the client
            }
            address = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return address;
    }

    private boolean trusted(String address) {
        return ADDRESS.matcher(address).matches() && proxies.stream().anyMatch(p -> p.matches(address));
    }
}
