package com.radrelay.dicom;

import com.radrelay.audit.DeniedAccess;
import com.radrelay.tenancy.TenantDirectory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.dcm4che3.data.UID;
import org.dcm4che3.net.ApplicationEntity;
import org.dcm4che3.net.Connection;
import org.dcm4che3.net.Device;
import org.dcm4che3.net.TransferCapability;
import org.dcm4che3.net.service.BasicCEchoSCP;
import org.dcm4che3.net.service.DicomServiceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The DIMSE listener: one dcm4che device with one catch-all application entity. The called AE title picks the
 * clinic ({@link TenantAssociationHandler}); the services come from every {@link DicomService} bean.
 */
@Component
public class DicomServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DicomServer.class);

    private final DicomSettings settings;
    private final List<DicomService> services;
    private final TenantAssociationHandler associations;
    private Device device;
    private ExecutorService executor;
    private ScheduledExecutorService scheduler;
    private int port;
    private volatile boolean running;

    DicomServer(DicomSettings settings, List<DicomService> services, DicomNetwork network, DeniedAccess denied,
            TenantDirectory clinics) {
        this.settings = settings;
        this.services = services;
        this.associations = new TenantAssociationHandler(network, denied, clinics);
    }

    /** The plain port DIMSE listens on (resolved when configured as 0); 0 when the plain port is off. */
    public int port() {
        return port;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        boolean tlsConfigured = settings.tlsPort() != null && settings.keyStore() != null;
        if (!settings.plainEnabled() && !tlsConfigured) {
            throw new IllegalStateException("radrelay.dicom.plain-enabled is false but TLS is not configured "
                    + "(radrelay.dicom.tls-port and key-store): DICOM would listen nowhere; set radrelay.dicom.enabled "
                    + "to false for that");
        }
        device = new Device("radrelay");
        ApplicationEntity ae = new ApplicationEntity("*");
        ae.setAssociationAcceptor(true);
        if (settings.plainEnabled()) {
            port = settings.port() == 0 ? freePort() : settings.port();
            Connection plain = connection(port);
            device.addConnection(plain);
            ae.addConnection(plain);
        }
        if (tlsConfigured) {
            Connection tls = connection(settings.tlsPort());
            tls.setTlsCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
            tls.setTlsProtocols("TLSv1.3", "TLSv1.2");
            // Every caller shows a certificate: checked against the trust store's CAs if one is given, and against
            // the peer's registered fingerprint when the association arrives (AnyClientCertificate).
            tls.setTlsNeedClientAuth(true);
            device.addConnection(tls);
            ae.addConnection(tls);
            configureTls();
        }
        DicomServiceRegistry registry = new DicomServiceRegistry();
        registry.addDicomService(new BasicCEchoSCP());
        ae.addTransferCapability(new TransferCapability(null, UID.Verification, TransferCapability.Role.SCP,
                UID.ImplicitVRLittleEndian, UID.ExplicitVRLittleEndian));
        for (DicomService service : services) {
            registry.addDicomService(service.handler());
            service.transferCapabilities().forEach(ae::addTransferCapability);
        }
        device.setDimseRQHandler(registry);
        device.setAssociationHandler(associations);
        device.addApplicationEntity(ae);
        device.setLimitOpenAssociations(settings.maxAssociations());
        executor = Executors.newVirtualThreadPerTaskExecutor();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        device.setExecutor(executor);
        device.setScheduledExecutor(scheduler);
        try {
            device.bindConnections();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot listen for DICOM on port " + port, e);
        }
        running = true;
        log.info("DICOM listening on {}{}{}", settings.bindAddress(), settings.plainEnabled() ? ":" + port : " (no "
                + "plain port)", tlsConfigured ? ", TLS " + settings.tlsPort() : "");
    }

    private Connection connection(int listenPort) {
        Connection conn = new Connection("dicom-" + listenPort, settings.bindAddress(), listenPort);
        conn.setBindAddress(settings.bindAddress());
        conn.setIdleTimeout((int) settings.idleTimeout().toMillis());
        conn.setRequestTimeout((int) settings.idleTimeout().toMillis());
        conn.setReceivePDULength(Connection.DEF_MAX_PDU_LENGTH);
        conn.setSendPDULength(Connection.DEF_MAX_PDU_LENGTH);
        conn.setTcpNoDelay(true);
        return conn;
    }

    private void configureTls() {
        try {
            device.setKeyManager(org.dcm4che3.net.SSLManagerFactory.createKeyManager("PKCS12",
                    settings.keyStore().toUri().toString(), settings.keyStorePassword(), settings.keyStorePassword()));
            Path trust = settings.trustStore();
            device.setTrustManager(trust == null ? new AnyClientCertificate()
                    : org.dcm4che3.net.SSLManagerFactory.createTrustManager("PKCS12", trust.toUri().toString(),
                            settings.trustStorePassword()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the DICOM TLS key or trust store", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (device != null) {
            device.unbindConnections();
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
