package com.radrelay.dicom;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/** Devices known by their TLS certificate: a certificate's SHA-256 fingerprint, from a PEM or as written. */
final class PeerCertificates {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

    private PeerCertificates() {
    }

    /**
     * The fingerprint of a PEM certificate, or a fingerprint given as 64 hexadecimal digits (colons and spaces
     * allowed, as tools print them); null for nothing given.
     */
    static @Nullable String fingerprintOf(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.strip();
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                Certificate cert = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
                return sha256(cert);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the certificate cannot be read: " + e.getMessage());
            }
        }
        String hex = text.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!FINGERPRINT.matcher(hex).matches()) {
            throw new IllegalArgumentException("give the device's certificate (PEM) or its SHA-256 fingerprint "
                    + "(64 hexadecimal digits)");
        }
        return hex;
    }

    /** The fingerprint of the certificate the caller presented over TLS; empty over plain TCP. */
    static Optional<String> presented(java.net.Socket socket) {
        if (!(socket instanceof SSLSocket tls)) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length == 0 ? Optional.empty() : Optional.of(sha256(chain[0]));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static String sha256(Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
