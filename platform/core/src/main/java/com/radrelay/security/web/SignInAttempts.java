package com.radrelay.security.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in attempts in Redis, per account and per client address, so throttling holds across all nodes. Each
 * attempt is counted and compared in one atomic step before its password is checked, so guesses sent in parallel
 * cannot slip past the limit. Keys are platform-scoped: a username is unique across the platform, not per clinic.
 */
@Component
class SignInAttempts {

    private static final String USER_KEY = "rr:platform:signin-attempts:user:";
    private static final String ADDRESS_KEY = "rr:platform:signin-attempts:addr:";

    /**
     * KEYS: account, address. ARGV: now (ms), free attempts per account, first delay (ms), longest delay (ms),
     * window (ms), attempts per address. Answers 0 when the attempt may go on, else the milliseconds to wait; a
     * refused attempt is not counted.
     */
    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local fromAddress = redis.call('INCR', KEYS[2])
            if fromAddress == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[5]) end
            if fromAddress > tonumber(ARGV[6]) then
              redis.call('DECR', KEYS[2])
              return math.max(1, redis.call('PTTL', KEYS[2]))
            end
            local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
            if now < nextAt then
              redis.call('DECR', KEYS[2])
              return nextAt - now
            end
            local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
            local free = tonumber(ARGV[2])
            if n >= free then
              local delay = math.min(tonumber(ARGV[3]) * 2 ^ (n - free), tonumber(ARGV[4]))
              redis.call('HSET', KEYS[1], 'next', string.format('%d', now + math.floor(delay)))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 0
            """, Long.class);

    /** KEYS: account, address. A success clears the account and does not count against the address. */
    private static final RedisScript<Long> SUCCEEDED = RedisScript.of("""
            redis.call('DEL', KEYS[1])
            if redis.call('EXISTS', KEYS[2]) == 1 and tonumber(redis.call('GET', KEYS[2])) > 0 then
              redis.call('DECR', KEYS[2])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final SecuritySettings settings;

    SignInAttempts(StringRedisTemplate redis, SecuritySettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Counts an attempt about to check a password: empty when it may, else how long the caller must wait. */
    Optional<Duration> reserve(String username, String address, Instant now) {
        Long wait = redis.execute(RESERVE, keys(username, address), Long.toString(now.toEpochMilli()),
                Integer.toString(settings.maxFailures()), Long.toString(settings.firstDelay().toMillis()),
                Long.toString(settings.maxDelay().toMillis()), Long.toString(settings.window().toMillis()),
                Integer.toString(settings.maxFailuresPerAddress()));
        return wait == null || wait <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    void succeeded(String username, String address) {
        redis.execute(SUCCEEDED, keys(username, address));
    }

    private static List<String> keys(String username, String address) {
        return List.of(USER_KEY + username.strip().toLowerCase(Locale.ROOT), ADDRESS_KEY + address);
    }
}
