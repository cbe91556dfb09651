package com.radrelay.security.web;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends the session of an account that was disabled, or whose clinic was suspended, since it signed in: a session
 * outlives neither. The account is looked up again at most once per {@code every} per session.
 */
final class AccountStillAllowedFilter extends OncePerRequestFilter {

    private static final String CHECKED_AT = AccountStillAllowedFilter.class.getName() + ".checkedAt";

    private final UserAccounts accounts;
    private final TenantDirectory clinics;
    private final AuditLog audit;
    private final Duration every;

    AccountStillAllowedFilter(UserAccounts accounts, TenantDirectory clinics, AuditLog audit, Duration every) {
        this.accounts = accounts;
        this.clinics = clinics;
        this.audit = audit;
        this.every = every;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && auth != null && auth.getPrincipal() instanceof SignedInUser user) {
            long now = System.currentTimeMillis();
            Object checked = session.getAttribute(CHECKED_AT);
            if (!(checked instanceof Long at) || now - at >= every.toMillis()) {
                String refused = refusal(user);
                if (refused != null) {
                    audit.record(new AuditEvent(user.tenant().orElse(null), user.username(), "SESSION_ENDED",
                            "user", user.id().toString(), AuditEvent.Outcome.DENIED, refused));
                    session.invalidate();
                    SecurityContextHolder.clearContext();
                    response.sendRedirect(request.getContextPath() + "/login");
                    return;
                }
                session.setAttribute(CHECKED_AT, now);
            }
        }
        chain.doFilter(request, response);
    }

    private @Nullable String refusal(SignedInUser user) {
        if (!accounts.byId(user.id()).map(UserSummary::enabled).orElse(false)) {
            return "account disabled";
        }
        if (user.tenant().isPresent() && !clinics.byId(user.tenant().get()).map(Tenant::active).orElse(false)) {
            return "clinic suspended";
        }
        return null;
    }
}
