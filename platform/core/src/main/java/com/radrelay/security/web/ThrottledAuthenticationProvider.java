package com.radrelay.security.web;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.Roles;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.SignedInUser;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in that counts each attempt before checking its password (refusing it when its account or address
 * must wait), refuses the people of a suspended clinic, and audits every attempt with the client's address. Whoever
 * needs a second factor leaves with the {@link Roles#SECOND_FACTOR} role alone, until the second-factor page
 * grants their own.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final AuditLog audit;
    private final Clock clock;
    private final ClientAddresses addresses;
    private final TenantDirectory clinics;
    private final SecondFactors secondFactors;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInAttempts attempts, AuditLog audit,
            Clock clock, ClientAddresses addresses, TenantDirectory clinics, SecondFactors secondFactors) {
        this.passwords = passwords;
        this.secondFactors = secondFactors;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
        this.addresses = addresses;
        this.clinics = clinics;
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
        Authentication result;
        try {
            result = passwords.authenticate(request);
        } catch (AuthenticationException e) {
            record(username, AuditEvent.Outcome.FAILURE, e.getClass().getSimpleName() + "; address=" + address);
            throw e;
        }
        attempts.succeeded(username, address);
        SignedInUser user = (SignedInUser) result.getPrincipal();
        if (user.clinic() != null && !clinics.byId(user.clinic()).map(Tenant::active).orElse(false)) {
            record(username, AuditEvent.Outcome.DENIED, "clinic suspended; address=" + address);
            throw new DisabledException("Your clinic's access to RadRelay is suspended. Please contact RadRelay "
                    + "support.");
        }
        // Radiologists and administrators (and anyone who set one up) give a second factor before anything else.
        boolean pending = SecondFactors.required(user.role()) || secondFactors.enrolled(user.id());
        audit.record(new AuditEvent(user.clinic(), user.username(), "SIGN_IN", "session", null,
                AuditEvent.Outcome.SUCCESS, "address=" + address + (pending ? "; second factor to follow" : "")));
        // The session keeps who signed in, never the hash that proved it.
        UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(
                user.withoutPassword(), null, pending
                        ? List.of(new SimpleGrantedAuthority("ROLE_" + Roles.SECOND_FACTOR)) : result.getAuthorities());
        signedIn.setDetails(result.getDetails());
        return signedIn;
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
