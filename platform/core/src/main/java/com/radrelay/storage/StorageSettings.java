package com.radrelay.storage;

import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where objects go. Without an {@code endpoint}, an S3-compatible server starts in-process and keeps objects
 * under {@code embeddedDir}. {@code masterKey} (base64, 32 bytes) wraps the tenants' data keys; without it a
 * key is generated once into {@code masterKeyFile}, which suits a laptop and nothing else. {@code embeddedFsync}
 * makes the embedded server force every object to disk before acknowledging it.
 */
@ConfigurationProperties("radrelay.storage")
public record StorageSettings(
        @Nullable URI endpoint,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("radrelay") String bucket,
        @DefaultValue("radrelay-local") String accessKey,
        @DefaultValue("radrelay-local-secret") String secretKey,
        @DefaultValue("data/objects") Path embeddedDir,
        @DefaultValue("true") boolean embeddedFsync,
        @Nullable String masterKey,
        @DefaultValue("data/master.key") Path masterKeyFile,
        @DefaultValue("65536") int segmentSize) {
}
