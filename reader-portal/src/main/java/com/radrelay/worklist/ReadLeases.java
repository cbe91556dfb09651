package com.radrelay.worklist;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Leases on studies in Redis: taken only when free, renewed and given back only by their holder (compare and act
 * in one script). A lease is a hint that keeps two readers apart; the worklist row's fence is the guarantee.
 */
@Component
class ReadLeases {

    private static final RedisScript<Long> RENEW = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) "
                    + "else return 0 end", Long.class);
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    private final StringRedisTemplate redis;

    ReadLeases(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A new lease's token, or {@code null} when another holder has the study. */
    @Nullable String take(TenantId clinic, StudyUid study, UUID reader, Duration lease) {
        String token = reader + ":" + UUID.randomUUID();
        Boolean taken = redis.opsForValue().setIfAbsent(key(clinic, study), token, lease);
        return Boolean.TRUE.equals(taken) ? token : null;
    }

    boolean renew(Claim claim, Duration lease) {
        Long renewed = redis.execute(RENEW, List.of(key(claim.clinic(), claim.study())), claim.leaseToken(),
                Long.toString(lease.toMillis()));
        return renewed != null && renewed == 1;
    }

    void release(Claim claim) {
        redis.execute(RELEASE, List.of(key(claim.clinic(), claim.study())), claim.leaseToken());
    }

    /** Forgets any lease on the study, whoever holds it (an administrator taking a study back). */
    void breakLease(TenantId clinic, StudyUid study) {
        redis.delete(key(clinic, study));
    }

    private static String key(TenantId clinic, StudyUid study) {
        return "rr:read-lease:" + clinic.value() + ":" + study.value();
    }
}
