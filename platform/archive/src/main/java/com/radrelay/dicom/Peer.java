package com.radrelay.dicom;

import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A DICOM node of a clinic (modality, PACS, workstation) allowed to call the clinic's AE title. With a
 * {@code host}, calls are accepted only from that address; with a {@code certificateSha256}, only over TLS from a
 * caller presenting that certificate; with both, both must hold. With host and {@code port} it is also a C-MOVE
 * destination.
 */
public record Peer(UUID id, String aeTitle, @Nullable String host, @Nullable Integer port, String description,
        @Nullable String certificateSha256) {

    public Peer {
        aeTitle = DicomNetwork.checkAeTitle(aeTitle);
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port must be 1-65535");
        }
        host = host == null || host.isBlank() ? null : host.strip().toLowerCase(Locale.ROOT);
    }

    public boolean moveDestination() {
        return host != null && port != null;
    }
}
