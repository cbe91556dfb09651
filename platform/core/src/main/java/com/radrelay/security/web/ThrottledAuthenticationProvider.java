package com.radrelay.security.web;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.SignedInUser;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in that counts each attempt before checking its password (refusing it when its account or address
 * must wait), and audits every attempt with the client's address.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final AuditLog audit;
    private final Clock clock;
    private final ClientAddresses addresses;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInAttempts attempts, AuditLog audit,
            Clock clock, ClientAddresses addresses) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
        this.addresses = addresses;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String username = request.getName();
        // Spring's request context filter runs before the security filters: the sign-in's own request is here.
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
                ? addresses.of(current.getRequest()) : "unknown";
        Optional<Duration> wait = attempts.reserve(username, address, clock.instant());
        if (wait.isPresent()) {
            record(username, AuditEvent.Outcome.DENIED, "throttled; address=" + address);
            throw new LockedException("Too many failed sign-in attempts. Try again in " + readable(wait.get())
                    + ".");
        }
        try {
            Authentication result = passwords.authenticate(request);
            attempts.succeeded(username, address);
            SignedInUser user = (SignedInUser) result.getPrincipal();
            audit.record(new AuditEvent(user.clinic(), user.username(), "SIGN_IN", "session", null,
                    AuditEvent.Outcome.SUCCESS, "address=" + address));
            return result;
        } catch (AuthenticationException e) {
            record(username, AuditEvent.Outcome.FAILURE, e.getClass().getSimpleName() + "; address=" + address);
            throw e;
        }
    }

    private static String readable(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    private void record(String username, AuditEvent.Outcome outcome, String detail) {
        String actor = username.isBlank() ? "(blank)" : username.strip();
        audit.record(new AuditEvent(null, actor, "SIGN_IN", "session", null, outcome, detail));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
