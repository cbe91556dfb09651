package com.radrelay.security.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling and the client's address. An account's first {@code maxFailures} attempts within
 * {@code window} go straight to the password check; after that each attempt waits {@code firstDelay}, doubling up
 * to {@code maxDelay} (a delay, never a lock-out an attacker could impose for long). One client address gets
 * {@code maxFailuresPerAddress} failed attempts per {@code window}. A request's address is taken from
 * X-Forwarded-For only when it comes through one of {@code trustedProxies} (addresses or CIDR ranges; none by
 * default). An open session looks its account (and clinic) up again every {@code recheckAccountEvery}.
 */
@ConfigurationProperties("radrelay.security")
record SecuritySettings(@DefaultValue("5") int maxFailures, @DefaultValue("30") int maxFailuresPerAddress,
        @DefaultValue("PT15M") Duration window, @DefaultValue("PT5S") Duration firstDelay,
        @DefaultValue("PT5M") Duration maxDelay, @DefaultValue("") List<String> trustedProxies,
        @DefaultValue("PT5S") Duration recheckAccountEvery) {
}
