package com.radrelay.dicom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** Whether a caller's address is the one (or in the range) its peer was registered for. */
final class PeerAddresses {

    private PeerAddresses() {
    }

    static boolean isRange(String host) {
        return host.contains("/");
    }

    /** A range is an IP literal and a prefix length, such as 10.0.0.0/24; anything else is refused here. */
    static void checkRange(String range) {
        String address = range.substring(0, range.indexOf('/'));
        if (!address.matches("\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("a range is an IP address and a prefix length, such as 10.0.0.0/24: "
                    + range);
        }
        try {
            new IpAddressMatcher(range);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid range: " + range + " (" + e.getMessage() + ")");
        }
    }

    /** The registered address, range or host name (resolved now) covers {@code from}. */
    static boolean covers(String registered, InetAddress from) {
        if (isRange(registered)) {
            return new IpAddressMatcher(registered).matches(from.getHostAddress());
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(registered)) {
                if (a.equals(from)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
