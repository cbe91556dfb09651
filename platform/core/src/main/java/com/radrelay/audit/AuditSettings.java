package com.radrelay.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit chain's key and anchors. {@code chainKey}: base64 of 32 random bytes from a secret store (never in the
 * database); else generated once into {@code chainKeyFile} (a laptop). {@code anchorFile}: where the chain's head
 * is written every {@code anchorEvery}, outside the database, so that cutting the newest rows shows.
 */
@ConfigurationProperties("radrelay.audit")
public record AuditSettings(@Nullable String chainKey, @Nullable Path chainKeyFile, @Nullable Path anchorFile,
        @DefaultValue("PT1M") Duration anchorEvery) {
}
