package com.radrelay.onboarding;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.security.Vendor;
import com.radrelay.security.VendorId;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * People invite colleagues into their organisation: a clinic manager into the clinic (uploader or manager), a
 * vendor's staff into the vendor. Each invitation is a single-use, expiring link that can be withdrawn.
 */
@Service
public class Invitations {

    /** The clinic or the vendor an invitation leads into: exactly one of the two ids is set. */
    private record Organisation(@Nullable TenantId clinic, @Nullable VendorId vendor, String name) {

        @Nullable UUID clinicId() {
            return clinic == null ? null : clinic.value();
        }

        @Nullable UUID vendorId() {
            return vendor == null ? null : vendor.value();
        }
    }

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

    /** The roles {@code inviter} may invite people into. */
    public List<Role> rolesFor(SignedInUser inviter) {
        return switch (inviter.role()) {
            case CLINIC_MANAGER -> List.of(Role.CLINIC_UPLOADER, Role.CLINIC_MANAGER);
            case AI_VENDOR -> List.of(Role.AI_VENDOR);
            default -> List.of();
        };
    }

    @Transactional
    public void invite(SignedInUser inviter, String email, Role role) {
        Organisation into = organisationOf(inviter);
        if (!rolesFor(inviter).contains(role)) {
            throw new IllegalArgumentException("you can invite " + String.join(" or ",
                    rolesFor(inviter).stream().map(Invitations::label).toList()) + " only");
        }
        EmailAddress to = new EmailAddress(email);
        if (accounts.byEmail(to).isPresent() || accounts.byUsername(to.value()).isPresent()) {
            letters.invitationForExistingAccount(to, into.name(), inviter.displayName());
        } else {
            UUID id = UUID.randomUUID();
            jdbc.update("insert into onboarding_invitations (id, email, role, tenant_id, vendor_id, invited_by, "
                    + "created_at) values (?, ?, ?, ?, ?, ?, ?)", id, to.value(), role.name(), into.clinicId(),
                    into.vendorId(), inviter.username(), Timestamp.from(clock.instant()));
            String token = links.issue(OnboardingLinks.Purpose.INVITATION, id, settings.invitationValidFor());
            letters.invitation(to, into.name(), label(role), inviter.displayName(), token,
                    settings.invitationValidFor());
        }
        audit.record(new AuditEvent(into.clinic(), inviter.username(), "USER_INVITED", "invitation", to.value(),
                AuditEvent.Outcome.SUCCESS, "role=" + role + (into.vendor() == null ? "" : " vendor=" + into.vendor())));
    }

    /** The invitations of the inviter's own clinic or vendor, newest first. */
    @Transactional(readOnly = true)
    public List<InvitationSummary> ofOrganisationOf(SignedInUser inviter) {
        Organisation of = organisationOf(inviter);
        return jdbc.query("select id, email, role, invited_by, created_at, accepted_at, revoked_at "
                + "from onboarding_invitations where tenant_id = ? or vendor_id = ? order by created_at desc",
                Invitations::summary, of.clinicId(), of.vendorId());
    }

    @Transactional
    public void withdraw(SignedInUser inviter, UUID invitation) {
        Organisation of = organisationOf(inviter);
        int changed = jdbc.update("update onboarding_invitations set revoked_at = ? where id = ? "
                + "and (tenant_id = ? or vendor_id = ?) and accepted_at is null and revoked_at is null",
                Timestamp.from(clock.instant()), invitation, of.clinicId(), of.vendorId());
        if (changed == 0) {
            throw new IllegalArgumentException("this invitation is no longer waiting");
        }
        audit.record(new AuditEvent(of.clinic(), inviter.username(), "INVITATION_WITHDRAWN", "invitation",
                invitation.toString(), AuditEvent.Outcome.SUCCESS, null));
    }

    /** What an invitation link leads to, without using it. */
    @Transactional(readOnly = true)
    public LinkCheck check(String token) {
        LinkCheck check = links.check(OnboardingLinks.Purpose.INVITATION, token);
        return check instanceof LinkCheck.Valid(var id) && withdrawn(id) ? new LinkCheck.Withdrawn() : check;
    }

    @Transactional(readOnly = true)
    public Optional<Invitation> describe(String token) {
        return check(token) instanceof LinkCheck.Valid(var id)
                ? Optional.of(find(id)).map(w -> new Invitation(w.email(), w.role(), w.into().name()))
                : Optional.empty();
    }

    /** Joins through the link: the account exists from now on, with the invited role in the inviting organisation. */
    @Transactional
    public LinkCheck accept(String token, String displayName, String password) {
        LinkCheck before = check(token);
        if (!(before instanceof LinkCheck.Valid)) {
            return before;
        }
        var hash = accounts.hashPassword(password);
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("enter your name");
        }
        LinkCheck used = links.redeem(OnboardingLinks.Purpose.INVITATION, token);
        if (used instanceof LinkCheck.Valid(var id)) {
            Waiting invitation = find(id);
            EmailAddress email = new EmailAddress(invitation.email());
            if (invitation.into().vendor() != null) {
                accounts.createVendorAccount(email, displayName, hash, invitation.into().vendor());
            } else {
                accounts.create(email, displayName, hash, invitation.role(), invitation.into().clinic());
            }
            jdbc.update("update onboarding_invitations set accepted_at = ? where id = ?",
                    Timestamp.from(clock.instant()), id);
        }
        return used;
    }

    /** "uploader", "clinic manager" or "vendor staff", as people say it. */
    public static String label(Role role) {
        return switch (role) {
            case CLINIC_MANAGER -> "clinic manager";
            case CLINIC_UPLOADER -> "uploader";
            case AI_VENDOR -> "vendor staff";
            case RADIOLOGIST -> "radiologist";
            case PLATFORM_ADMIN -> "platform administrator";
        };
    }

    private record Waiting(String email, Role role, Organisation into) {
    }

    private Organisation organisationOf(SignedInUser inviter) {
        return switch (inviter.role()) {
            case CLINIC_MANAGER -> {
                Tenant clinic = clinics.byId(inviter.tenant().orElseThrow()).orElseThrow();
                yield new Organisation(clinic.id(), null, clinic.name());
            }
            case AI_VENDOR -> {
                Vendor vendor = accounts.vendorOf(inviter.id()).orElseThrow();
                yield new Organisation(null, vendor.id(), vendor.name());
            }
            default -> throw new IllegalStateException(inviter.role() + " does not invite people");
        };
    }

    private boolean withdrawn(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select revoked_at is not null from onboarding_invitations where id = ?", Boolean.class, id));
    }

    private Waiting find(UUID id) {
        return jdbc.queryForObject("select email, role, tenant_id, vendor_id from onboarding_invitations where id = ?",
                (rs, i) -> new Waiting(rs.getString(1), Role.valueOf(rs.getString(2)), organisation(rs)), id);
    }

    private Organisation organisation(ResultSet rs) throws SQLException {
        UUID clinic = rs.getObject(3, UUID.class);
        if (clinic != null) {
            TenantId id = new TenantId(clinic);
            return new Organisation(id, null, clinics.byId(id).map(Tenant::name).orElse("a clinic"));
        }
        VendorId vendor = new VendorId(rs.getObject(4, UUID.class));
        return new Organisation(null, vendor, accounts.vendorName(vendor));
    }

    private static InvitationSummary summary(ResultSet rs, int row) throws SQLException {
        return new InvitationSummary(rs.getObject(1, UUID.class), rs.getString(2), Role.valueOf(rs.getString(3)),
                rs.getString(4), rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)),
                instant(rs.getTimestamp(7)));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
