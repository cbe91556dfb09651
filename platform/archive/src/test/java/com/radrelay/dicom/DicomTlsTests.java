package com.radrelay.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DIMSE over TLS alone, turned on by configuration (a key store and a port, the plain port off), checked with
 * DCMTK's TLS client.
 */
@IntegrationTest
class DicomTlsTests {

    static Path dir;
    static int tlsPort;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("rr-dicom-tls");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        assertThat(Dcmtk.run(keytool, "-genkeypair", "-alias", "dicom", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", dir.resolve("server.p12").toString(), "-storepass", "secret-pw",
                "-keypass", "secret-pw").ok()).isTrue();
        assertThat(Dcmtk.run(keytool, "-exportcert", "-rfc", "-alias", "dicom", "-keystore",
                dir.resolve("server.p12").toString(), "-storepass", "secret-pw", "-file",
                dir.resolve("server.pem").toString()).ok()).isTrue();
        for (String device : new String[] {"modality", "stranger"}) {
            assertThat(Dcmtk.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    dir.resolve(device + ".key").toString(), "-out", dir.resolve(device + ".pem").toString(), "-subj",
                    "/CN=" + device, "-days", "30").ok()).isTrue();
        }
        try (ServerSocket s = new ServerSocket(0)) {
            tlsPort = s.getLocalPort();
        }
        registry.add("radrelay.dicom.tls-port", () -> tlsPort);
        registry.add("radrelay.dicom.key-store", () -> dir.resolve("server.p12").toString());
        registry.add("radrelay.dicom.key-store-password", () -> "secret-pw");
        registry.add("radrelay.dicom.plain-enabled", () -> false);
    }

    @Autowired TenantDirectory directory;
    @Autowired DicomNetwork network;
    @Autowired DicomServer dicom;

    @Test
    void thePlainPortIsOffAndWithoutTlsTheServerWouldNotStart() {
        assertThat(dicom.port()).isZero();
        DicomSettings plainOffNoTls = new DicomSettings(true, "127.0.0.1", 0, false, null, null, "", null, "", 10,
                java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> new DicomServer(plainOffNoTls, List.of(), network, null, null).start())
                .hasMessageContaining("plain-enabled is false but TLS is not configured");
    }

    @Test
    void aClientThatTrustsTheServerCertificateTalksOverTls() throws IOException {
        Tenant clinic = DicomClinics.clinicWithDicom(directory, network);
        Dcmtk.Result tls = echo("modality", "ECHOSCU", clinic);
        assertThat(tls.ok()).as(tls.output()).isTrue();
    }

    @Test
    void aDeviceKnownByItsCertificateIsAcceptedOnlyWithThatCertificate() throws IOException {
        Tenant clinic = DicomClinics.clinicWithDicom(directory, network);
        String pem = Files.readString(dir.resolve("modality.pem"));
        CurrentTenant.run(clinic.id(), () -> network.registerPeer("MODALITY", null, null, "CT in room 2", pem));
        Dcmtk.Result known = echo("modality", "MODALITY", clinic);
        assertThat(known.ok()).as(known.output()).isTrue();
        Dcmtk.Result stranger = echo("stranger", "MODALITY", clinic);
        assertThat(stranger.ok()).isFalse();
        assertThat(stranger.output()).contains("Calling AE Title Not Recognized");
    }

    @Test
    void aCertificateIsGivenAsPemOrAsTheFingerprintToolsPrint() throws IOException {
        String pem = Files.readString(dir.resolve("modality.pem"));
        Dcmtk.Result openssl = Dcmtk.run("openssl", "x509", "-in", dir.resolve("modality.pem").toString(), "-noout",
                "-fingerprint", "-sha256");
        String printed = openssl.output().strip().substring(openssl.output().indexOf('=') + 1);
        String fingerprint = printed.replace(":", "").toLowerCase(java.util.Locale.ROOT);
        assertThat(PeerCertificates.fingerprintOf(pem)).isEqualTo(fingerprint);
        assertThat(PeerCertificates.fingerprintOf(printed)).isEqualTo(fingerprint);
        assertThatThrownBy(() -> PeerCertificates.fingerprintOf("not a certificate"))
                .hasMessageContaining("SHA-256 fingerprint (64 hexadecimal digits)");
        assertThatThrownBy(() -> CurrentTenant.run(DicomClinics.clinicWithDicom(directory, network).id(),
                () -> network.registerPeer("NOWHERE", null, null, "", null)))
                .hasMessageContaining("or the certificate it presents over DICOM TLS");
    }

    private Dcmtk.Result echo(String device, String callingAe, Tenant clinic) {
        return Dcmtk.run("echoscu", "+tls", dir.resolve(device + ".key").toString(),
                dir.resolve(device + ".pem").toString(), "+cf", dir.resolve("server.pem").toString(), "-aet",
                callingAe, "-aec", DicomClinics.aeTitle(clinic), "127.0.0.1", Integer.toString(tlsPort));
    }

    @Test
    void theTlsPortRefusesPlainConnectionsCallersWithoutACertificateAndUntrustedServers() {
        Tenant clinic = DicomClinics.clinicWithDicom(directory, network);
        assertThat(Dcmtk.run("echoscu", "-to", "5", "-ta", "5", "-aet", "ECHOSCU", "-aec", DicomClinics.aeTitle(clinic),
                "127.0.0.1", Integer.toString(tlsPort)).ok()).as("plain DICOM on the TLS port").isFalse();
        assertThat(Dcmtk.run("echoscu", "+tla", "-aet", "ECHOSCU", "-aec", DicomClinics.aeTitle(clinic), "127.0.0.1",
                Integer.toString(tlsPort)).ok()).as("a client without the server's certificate").isFalse();
        assertThat(Dcmtk.run("echoscu", "+tla", "+cf", dir.resolve("server.pem").toString(), "-aet", "ECHOSCU",
                "-aec", DicomClinics.aeTitle(clinic), "127.0.0.1", Integer.toString(tlsPort)).ok())
                .as("a client without a certificate of its own").isFalse();
    }
}
