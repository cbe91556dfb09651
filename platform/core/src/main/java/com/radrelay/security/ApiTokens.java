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
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues, lists, revokes and checks a clinic's API tokens. Every method works inside the current tenant:
 * row-level security and Hibernate's tenant filter both keep other clinics' tokens out of reach.
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

    @Transactional
    public IssuedToken issue(String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return register(name, PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /** Registers a token whose secret the caller chose (the demo profile's fixed token). */
    @Transactional
    public IssuedToken register(String name, String secret) {
        TenantId clinic = CurrentTenant.require();
        if (name.isBlank()) {
            throw new IllegalArgumentException("a token needs a name, e.g. the system that will use it");
        }
        if (!secret.startsWith(PREFIX) || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("a token secret starts with " + PREFIX + " and has at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        ApiToken token = tokens.save(new ApiToken(name.strip(), sha256(secret), secret.substring(0, 10),
                AuditEvent.currentActor()));
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "API_TOKEN_ISSUED", "api-token",
                token.id().toString(), AuditEvent.Outcome.SUCCESS, null));
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
            redis.delete(cacheKey(clinic, t.secretHash()));
        });
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "API_TOKEN_REVOKED", "api-token", id.toString(),
                token.isPresent() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE, null));
        return token.isPresent();
    }

    /**
     * The client this secret belongs to, if it is an active token of the current tenant. Answers come from a
     * tenant-scoped Redis entry for up to a minute (revoking deletes it), so each API call does not cost a
     * database transaction.
     */
    public Optional<ApiClient> authenticate(String secret) {
        TenantId clinic = CurrentTenant.require();
        String hash = sha256(secret);
        String cached = cached(clinic, hash);
        if (cached != null) {
            int bar = cached.indexOf('|');
            return Optional.of(new ApiClient(clinic, UUID.fromString(cached.substring(0, bar)), cached.substring(bar + 1)));
        }
        return transactions.execute(s -> lookUp(clinic, hash));
    }

    private Optional<ApiClient> lookUp(TenantId clinic, String hash) {
        return tokens.findBySecretHash(hash).filter(t -> !t.revoked()).map(t -> {
            Instant now = Instant.now();
            if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                t.used(now);
            }
            cache(clinic, hash, t.id() + "|" + t.name());
            return new ApiClient(clinic, t.id(), t.name());
        });
    }

    private @Nullable String cached(TenantId clinic, String hash) {
        try {
            return redis.opsForValue().get(cacheKey(clinic, hash));
        } catch (DataAccessException e) {
            return null; // Redis down: the database answers.
        }
    }

    private void cache(TenantId clinic, String hash, String value) {
        try {
            redis.opsForValue().set(cacheKey(clinic, hash), value, CACHE_TTL);
        } catch (DataAccessException e) {
            // Redis down: the next call asks the database again.
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
