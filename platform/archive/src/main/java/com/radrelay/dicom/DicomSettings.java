package com.radrelay.dicom;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DIMSE listener. {@code port} 0 picks a free port (tests); {@code plainEnabled} false leaves TLS alone. TLS
 * listens on {@code tlsPort} when a key store is given; every TLS caller presents a certificate, which a trust store
 * (if given) must vouch for, and which a device registered with a certificate must match.
 */
@ConfigurationProperties("radrelay.dicom")
public record DicomSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("11112") int port,
        @DefaultValue("true") boolean plainEnabled,
        @Nullable Integer tlsPort,
        @Nullable Path keyStore,
        @DefaultValue("") String keyStorePassword,
        @Nullable Path trustStore,
        @DefaultValue("") String trustStorePassword,
        @DefaultValue("100") int maxAssociations,
        @DefaultValue("PT60S") Duration idleTimeout) {
}
