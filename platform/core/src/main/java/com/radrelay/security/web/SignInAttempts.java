package com.radrelay.security.web;

import java.time.Duration;
import java.util.Locale;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins in Redis, per username and per client address, so throttling holds across all
 * nodes. Keys are platform-scoped: a username is unique across the platform, not per clinic.
 */
@Component
class SignInAttempts {

    private static final String USER_KEY = "rr:platform:signin-failures:user:";
    private static final String ADDRESS_KEY = "rr:platform:signin-failures:addr:";

    private final StringRedisTemplate redis;
    private final SecuritySettings settings;

    SignInAttempts(StringRedisTemplate redis, SecuritySettings settings) {
        this.redis = redis;
        this.settings = settings;
    }

    boolean blocked(String username, String address) {
        return count(USER_KEY + key(username)) >= settings.maxFailures()
                || count(ADDRESS_KEY + address) >= settings.maxFailuresPerAddress();
    }

    void failed(String username, String address) {
        increment(USER_KEY + key(username));
        increment(ADDRESS_KEY + address);
    }

    void succeeded(String username) {
        redis.delete(USER_KEY + key(username));
    }

    Duration window() {
        return settings.window();
    }

    private long count(String key) {
        String value = redis.opsForValue().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void increment(String key) {
        Long n = redis.opsForValue().increment(key);
        if (n != null && n == 1) {
            redis.expire(key, settings.window());
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
