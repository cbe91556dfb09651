package com.radrelay.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API token as its clinic's manager sees it: never the secret, only its first characters. */
public record TokenSummary(UUID id, String name, String secretPrefix, String createdBy, Instant createdAt,
        @Nullable Instant revokedAt, @Nullable Instant lastUsedAt, Set<ApiScope> scopes, @Nullable Instant expiresAt) {

    /** Neither revoked nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
