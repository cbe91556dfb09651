package com.radrelay.dicom;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Without a CA trust store, DICOM TLS still asks every caller for a certificate (PS3.15's Basic TLS Secure Transport
 * Connection Profile has both ends hold one): the handshake proves the caller holds its key, and the association
 * is then accepted only from a device registered with that certificate's fingerprint or calling from its address.
 * The archive never calls out over TLS, so no server is ever trusted by this.
 */
final class AnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("a DICOM TLS caller must present a certificate");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the archive does not call servers over TLS with pinned trust");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
