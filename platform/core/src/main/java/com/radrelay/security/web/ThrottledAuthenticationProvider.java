package com.radrelay.security.web;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.SignedInUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Password sign-in that refuses throttled users before checking the password, and audits every attempt. */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInAttempts attempts;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(AuthenticationProvider passwords, SignInAttempts attempts, AuditLog audit) {
        this.passwords = passwords;
        this.attempts = attempts;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String username = request.getName();
        String address = request.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
        if (attempts.blocked(username, address)) {
            record(username, AuditEvent.Outcome.DENIED, "throttled; address=" + address);
            throw new LockedException("Too many failed sign-in attempts. Try again in "
                    + attempts.window().toMinutes() + " minutes.");
        }
        try {
            Authentication result = passwords.authenticate(request);
            attempts.succeeded(username);
            SignedInUser user = (SignedInUser) result.getPrincipal();
            audit.record(new AuditEvent(user.clinic(), user.username(), "SIGN_IN", "session", null,
                    AuditEvent.Outcome.SUCCESS, "address=" + address));
            return result;
        } catch (AuthenticationException e) {
            attempts.failed(username, address);
            record(username, AuditEvent.Outcome.FAILURE, e.getClass().getSimpleName() + "; address=" + address);
            throw e;
        }
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
