package com.radrelay.security;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, lists, revokes and checks a clinic's API tokens, each with its scopes and an optional expiry. Every method
 * works inside the current tenant: row-level security and Hibernate's tenant filter both keep other clinics' tokens
 * out of reach.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "rr_";
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Duration CACHE_TTL = Duration.ofSeconds(60);

    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final StringRedisTemplate redis;
    private final TransactionTemplate transactions;

    ApiTokens(ApiTokenRepository tokens, AuditLog audit, StringRedisTemplate redis, TransactionTemplate transactions) {
        this.tokens = tokens;
        this.audit = audit;
        this.redis = redis;
        this.transactions = transactions;
    }

    /** A new token that may do everything ({@link ApiScope#ALL}) and never expires. */
    @Transactional
    public IssuedToken issue(String name) {
        return issue(name, ApiScope.ALL, null);
    }

    /** A new token with these scopes, usable until {@code expiresAt} (never, if null). */
    @Transactional
    public IssuedToken issue(String name, Set<ApiScope> scopes, @Nullable Instant expiresAt) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return register(name, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random), scopes,
                expiresAt);
    }

    /** Registers a token whose secret the caller chose (the demo profile's fixed token). */
    @Transactional
    public IssuedToken register(String name, String secret, Set<ApiScope> scopes, @Nullable Instant expiresAt) {
        TenantId clinic = CurrentTenant.require();
        if (name.isBlank()) {
            throw new IllegalArgumentException("a token needs a name, e.g. the system that will use it");
        }
        if (!secret.startsWith(PREFIX) || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("a token secret starts with " + PREFIX + " and has at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope: store, query or retrieve");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("a token's expiry must be in the future");
        }
        ApiToken token = tokens.save(new ApiToken(name.strip(), sha256(secret), secret.substring(0, 10),
                AuditEvent.currentActor(), scopes, expiresAt));
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "API_TOKEN_ISSUED", "api-token",
                token.id().toString(), AuditEvent.Outcome.SUCCESS, "scopes=" + ApiToken.scopeText(scopes)
                        + (expiresAt == null ? "" : " expires=" + expiresAt)));
        return new IssuedToken(token.id(), token.name(), secret);
    }

    @Transactional(readOnly = true)
    public List<TokenSummary> list() {
        CurrentTenant.require();
        return tokens.findAllByOrderByCreatedAtDesc().stream().map(ApiToken::toSummary).toList();
    }

    @Transactional
    public boolean revoke(UUID id) {
        TenantId clinic = CurrentTenant.require();
        Optional<ApiToken> token = tokens.findById(id);
        token.ifPresent(t -> {
            t.revoke();
            // A call checked while this transaction runs may cache the token as valid again: the entry is
            // dropped once the revocation is visible to every reader, so at most that call gets through.
            String key = cacheKey(clinic, t.secretHash());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    uncache(key);
                }
            });
        });
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "API_TOKEN_REVOKED", "api-token", id.toString(),
                token.isPresent() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE, null));
        return token.isPresent();
    }

    /**
     * The client this secret belongs to, if it is a token of the current tenant that is neither revoked nor expired.
     * Answers come from a tenant-scoped Redis entry for up to a minute (never past the expiry; revoking deletes it
     * after commit), so each API call does not cost a database transaction.
     */
    public Optional<ApiClient> authenticate(String secret) {
        TenantId clinic = CurrentTenant.require();
        String hash = sha256(secret);
        String cached = cached(clinic, hash);
        if (cached != null) {
            // id|expiry millis or -|scopes|name
            String[] parts = cached.split("\\|", 4);
            if (parts[1].equals("-") || Instant.now().toEpochMilli() < Long.parseLong(parts[1])) {
                return Optional.of(new ApiClient(clinic, UUID.fromString(parts[0]), parts[3],
                        ApiToken.scopesOf(parts[2])));
            }
            return Optional.empty();
        }
        return transactions.execute(s -> lookUp(clinic, hash));
    }

    private Optional<ApiClient> lookUp(TenantId clinic, String hash) {
        Instant now = Instant.now();
        return tokens.findBySecretHash(hash).filter(t -> t.usableAt(now)).map(t -> {
            if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                t.used(now);
            }
            Instant expires = t.expiresAt();
            Duration ttl = expires == null || Duration.between(now, expires).compareTo(CACHE_TTL) > 0 ? CACHE_TTL
                    : Duration.between(now, expires);
            cache(clinic, hash, t.id() + "|" + (expires == null ? "-" : Long.toString(expires.toEpochMilli())) + "|"
                    + ApiToken.scopeText(t.scopes()) + "|" + t.name(), ttl);
            return new ApiClient(clinic, t.id(), t.name(), t.scopes());
        });
    }

    private @Nullable String cached(TenantId clinic, String hash) {
        try {
            return redis.opsForValue().get(cacheKey(clinic, hash));
        } catch (DataAccessException e) {
            return null; // Redis down: the database answers.
        }
    }

    private void cache(TenantId clinic, String hash, String value, Duration ttl) {
        try {
            redis.opsForValue().set(cacheKey(clinic, hash), value, ttl);
        } catch (DataAccessException e) {
            // Redis down: the next call asks the database again.
        }
    }

    private void uncache(String key) {
        try {
            redis.delete(key);
        } catch (DataAccessException e) {
            // Redis down: nothing is read from it either until it is back, and entries live a minute at most.
        }
    }

    private static String cacheKey(TenantId clinic, String hash) {
        return "rr:" + clinic + ":api-token:" + hash;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
