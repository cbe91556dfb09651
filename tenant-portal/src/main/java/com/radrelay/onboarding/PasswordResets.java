package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.UserSummary;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mailed link. The page answers the same whether or not the address has an account; only the
 * mailbox learns. A few links per hour per account at most, so the form cannot be used to flood a mailbox.
 */
@Service
public class PasswordResets {

    private final UserAccounts accounts;
    private final OnboardingLinks links;
    private final Letters letters;
    private final AuditLog audit;
    private final OnboardingSettings settings;
    private final Clock clock;

    PasswordResets(UserAccounts accounts, OnboardingLinks links, Letters letters, AuditLog audit,
            OnboardingSettings settings, Clock clock) {
        this.accounts = accounts;
        this.links = links;
        this.letters = letters;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void request(String email) {
        EmailAddress address = new EmailAddress(email);
        Optional<UserSummary> account = accounts.byEmail(address).filter(UserSummary::enabled);
        if (account.isEmpty()) {
            audit.record(new AuditEvent(null, address.value(), "PASSWORD_RESET_REQUESTED", "user", address.value(),
                    AuditEvent.Outcome.DENIED, "no enabled account"));
            return;
        }
        UserSummary user = account.get();
        boolean underLimit = links.issuedSince(OnboardingLinks.Purpose.PASSWORD_RESET, user.id(),
                clock.instant().minusSeconds(3600)) < settings.resetLinksPerHour();
        if (underLimit) {
            String token = links.issue(OnboardingLinks.Purpose.PASSWORD_RESET, user.id(),
                    settings.resetLinkValidFor());
            letters.passwordReset(address, token, settings.resetLinkValidFor());
        }
        audit.record(new AuditEvent(user.clinic(), address.value(), "PASSWORD_RESET_REQUESTED", "user",
                user.id().toString(), underLimit ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.DENIED,
                underLimit ? null : "too many requests this hour"));
    }

    @Transactional(readOnly = true)
    public LinkCheck check(String token) {
        return links.check(OnboardingLinks.Purpose.PASSWORD_RESET, token);
    }

    /** Sets the new password; the link is spent only when the password meets the policy. */
    @Transactional
    public LinkCheck reset(String token, String password) {
        LinkCheck before = check(token);
        if (!(before instanceof LinkCheck.Valid)) {
            return before;
        }
        accounts.hashPassword(password);
        LinkCheck used = links.redeem(OnboardingLinks.Purpose.PASSWORD_RESET, token);
        if (used instanceof LinkCheck.Valid(var user)) {
            accounts.changePassword(user, password, "reset by e-mailed link");
        }
        return used;
    }
}
