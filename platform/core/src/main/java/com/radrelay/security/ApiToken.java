package com.radrelay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.TenantId;
import org.jspecify.annotations.Nullable;

/** A clinic's API credential. Only the SHA-256 of the secret is stored; the secret is shown once. */
@Entity
@Table(name = "api_tokens")
class ApiToken {

    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false, unique = true)
    private String secretHash;

    @Column(name = "secret_prefix", nullable = false)
    private String secretPrefix;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    /** The scopes' names, comma-separated. */
    @Column(nullable = false)
    private String scopes;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    protected ApiToken() {
    }

    ApiToken(String name, String secretHash, String secretPrefix, String createdBy, Set<ApiScope> scopes,
            @Nullable Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.secretHash = secretHash;
        this.secretPrefix = secretPrefix;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.scopes = ApiToken.scopeText(scopes);
        this.expiresAt = expiresAt;
    }

    static String scopeText(Set<ApiScope> scopes) {
        return scopes.stream().sorted().map(ApiScope::name).collect(Collectors.joining(","));
    }

    static Set<ApiScope> scopesOf(String text) {
        return text.isEmpty() ? Set.of() : Arrays.stream(text.split(",")).map(ApiScope::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    Set<ApiScope> scopes() {
        return scopesOf(scopes);
    }

    @Nullable Instant expiresAt() {
        return expiresAt;
    }

    /** Not revoked and not expired at {@code now}. */
    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String secretHash() {
        return secretHash;
    }

    boolean revoked() {
        return revokedAt != null;
    }

    void revoke() {
        if (revokedAt == null) {
            revokedAt = Instant.now();
        }
    }

    void used(Instant at) {
        lastUsedAt = at;
    }

    @Nullable Instant lastUsedAt() {
        return lastUsedAt;
    }

    TokenSummary toSummary() {
        return new TokenSummary(id, name, secretPrefix, createdBy, createdAt, revokedAt, lastUsedAt, scopes(),
                expiresAt);
    }
}
