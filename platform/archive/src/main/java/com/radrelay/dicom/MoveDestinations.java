package com.radrelay.dicom;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a clinic may have its images sent to by C-MOVE. A peer is registered by a clinic manager, so its
 * host is untrusted input: link-local addresses (the cloud metadata services live there), the other metadata
 * addresses, wildcard and multicast addresses are never a destination. The host is resolved when the move starts and
 * the association goes to the address that was checked, so a name cannot change its answer in between.
 */
final class MoveDestinations {

    /** Cloud metadata services outside the link-local range: Azure's wire server, Alibaba's, AWS's IPv6 one. */
    private static final byte[][] METADATA = {{(byte) 168, 63, (byte) 129, 16}, {100, 100, 100, (byte) 200},
        {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}};

    private MoveDestinations() {
    }

    /** Why the address may not be a destination, or empty when it may. */
    static Optional<String> refusal(InetAddress address) {
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata services live there)");
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return Optional.of("a wildcard or multicast address");
        }
        byte[] raw = address.getAddress();
        if (Arrays.stream(METADATA).anyMatch(m -> Arrays.equals(m, raw))) {
            return Optional.of("a cloud metadata address");
        }
        return Optional.empty();
    }

    /** Why {@code host} may not be a destination; empty when it may, or when it does not resolve (yet). */
    static Optional<String> refusal(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(MoveDestinations::refusal)
                    .flatMap(Optional::stream).findFirst();
        } catch (UnknownHostException e) {
            // Checked again, resolved, at each move.
            return Optional.empty();
        }
    }

    /** The first address {@code host} resolves to, if it may be a destination. */
    static Optional<InetAddress> resolve(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            // Every answer must pass: a name with one bad address could be steered to it.
            return Arrays.stream(all).allMatch(a -> refusal(a).isEmpty()) ? Optional.of(all[0]) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
