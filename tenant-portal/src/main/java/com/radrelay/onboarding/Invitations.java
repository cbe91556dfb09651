package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A clinic manager invites people into their clinic; each invitation is a single-use, expiring link. */
@Service
public class Invitations {

    private final JdbcTemplate jdbc;
    private final OnboardingLinks links;
    private final Letters letters;
    private final UserAccounts accounts;
    private final TenantDirectory clinics;
    private final AuditLog audit;
    private final OnboardingSettings settings;
    private final Clock clock;

    Invitations(JdbcTemplate jdbc, OnboardingLinks links, Letters letters, UserAccounts accounts,
            TenantDirectory clinics, AuditLog audit, OnboardingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.links = links;
        this.letters = letters;
        this.accounts = accounts;
        this.clinics = clinics;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /** Invites {@code email} into the signed-in manager's clinic as uploader or manager. */
    @Transactional
    public void invite(SignedInUser manager, String email, Role role) {
        requireManager(manager);
        if (!role.clinicRole()) {
            throw new IllegalArgumentException("a clinic invites uploaders and managers only");
        }
        EmailAddress to = new EmailAddress(email);
        Tenant clinic = clinics.byId(manager.tenant().orElseThrow()).orElseThrow();
        if (accounts.byEmail(to).isPresent() || accounts.byUsername(to.value()).isPresent()) {
            letters.invitationForExistingAccount(to, clinic.name(), manager.displayName());
        } else {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into onboarding_invitations (id, email, role, tenant_id, invited_by, created_at) "
                    + "values (?, ?, ?, ?, ?, ?)", id, to.value(), role.name(), clinic.id().value(),
                    manager.username(), Timestamp.from(clock.instant()));
            String token = links.issue(OnboardingLinks.Purpose.INVITATION, id, settings.invitationValidFor());
            letters.invitation(to, clinic.name(), label(role), manager.displayName(), token,
                    settings.invitationValidFor());
        }
        audit.record(new AuditEvent(clinic.id(), manager.username(), "USER_INVITED", "invitation", to.value(),
                AuditEvent.Outcome.SUCCESS, "role=" + role));
    }

    @Transactional(readOnly = true)
    public List<InvitationSummary> ofClinicOf(SignedInUser manager) {
        requireManager(manager);
        return jdbc.query("select id, email, role, invited_by, created_at, accepted_at, revoked_at "
                + "from onboarding_invitations where tenant_id = ? order by created_at desc", (rs, i) ->
                new InvitationSummary(rs.getObject(1, UUID.class), rs.getString(2), Role.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7))), manager.tenant().orElseThrow().value());
    }

    @Transactional
    public void withdraw(SignedInUser manager, UUID invitation) {
        requireManager(manager);
        int changed = jdbc.update("update onboarding_invitations set revoked_at = ? where id = ? and tenant_id = ? "
                + "and accepted_at is null and revoked_at is null", Timestamp.from(clock.instant()), invitation,
                manager.tenant().orElseThrow().value());
        if (changed == 0) {
            throw new IllegalArgumentException("this invitation is no longer waiting");
        }
        audit.record(new AuditEvent(manager.tenant().orElseThrow(), manager.username(), "INVITATION_WITHDRAWN",
                "invitation", invitation.toString(), AuditEvent.Outcome.SUCCESS, null));
    }

    /** What an invitation link leads to, without using it. */
    @Transactional(readOnly = true)
    public LinkCheck check(String token) {
        LinkCheck check = links.check(OnboardingLinks.Purpose.INVITATION, token);
        return check instanceof LinkCheck.Valid(var id) && withdrawn(id) ? new LinkCheck.Withdrawn() : check;
    }

    @Transactional(readOnly = true)
    public Optional<Invitation> describe(String token) {
        return check(token) instanceof LinkCheck.Valid(var id) ? Optional.of(find(id)) : Optional.empty();
    }

    /** Joins through the link: the account exists from now on, with the invited role in the invited clinic. */
    @Transactional
    public LinkCheck accept(String token, String displayName, String password) {
        if (!(check(token) instanceof LinkCheck.Valid)) {
            return check(token);
        }
        var hash = accounts.hashPassword(password);
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("enter your name");
        }
        LinkCheck used = links.redeem(OnboardingLinks.Purpose.INVITATION, token);
        if (used instanceof LinkCheck.Valid(var id)) {
            Invitation invitation = find(id);
            accounts.create(new EmailAddress(invitation.email()), displayName, hash, invitation.role(),
                    invitation.clinic());
            jdbc.update("update onboarding_invitations set accepted_at = ? where id = ?",
                    Timestamp.from(clock.instant()), id);
        }
        return used;
    }

    private boolean withdrawn(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select revoked_at is not null from onboarding_invitations where id = ?", Boolean.class, id));
    }

    private Invitation find(UUID id) {
        return jdbc.queryForObject("select email, role, tenant_id from onboarding_invitations where id = ?",
                (rs, i) -> {
                    TenantId clinic = new TenantId(rs.getObject(3, UUID.class));
                    return new Invitation(rs.getString(1), Role.valueOf(rs.getString(2)), clinic,
                            clinics.byId(clinic).map(Tenant::name).orElse("a clinic"));
                }, id);
    }

    /** "uploader" or "clinic manager", as people say it. */
    public static String label(Role role) {
        return role == Role.CLINIC_MANAGER ? "clinic manager" : "uploader";
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void requireManager(SignedInUser user) {
        if (user.role() != Role.CLINIC_MANAGER || user.tenant().isEmpty()) {
            throw new IllegalStateException("only a clinic manager invites into their clinic");
        }
    }
}
