package com.radrelay.security.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling: after {@code maxFailures} failed attempts for one username (or {@code maxFailuresPerAddress}
 * from one client address) within {@code window}, further attempts are refused until the window passes. An open
 * session looks its account (and clinic) up again every {@code recheckAccountEvery}.
 */
@ConfigurationProperties("radrelay.security")
record SecuritySettings(@DefaultValue("5") int maxFailures, @DefaultValue("30") int maxFailuresPerAddress,
        @DefaultValue("PT15M") Duration window, @DefaultValue("PT5S") Duration recheckAccountEvery) {
}
