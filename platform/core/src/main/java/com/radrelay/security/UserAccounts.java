package com.radrelay.security;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.TenantId;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds user accounts and radiologist profiles; the only way passwords get hashed. */
@Service
public class UserAccounts implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 12;
    // bcrypt reads only the first 72 bytes; longer input would be silently cut.
    static final int MAX_PASSWORD_LENGTH = 72;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{2,253}");

    private final Users users;
    private final Vendors vendors;
    private final RadiologistProfiles profiles;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserAccounts(Users users, Vendors vendors, RadiologistProfiles profiles, PasswordEncoder passwords,
            AuditLog audit) {
        this.users = users;
        this.vendors = vendors;
        this.profiles = profiles;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public SignedInUser loadUserByUsername(String username) {
        return users.findByUsername(normalize(username)).map(UserAccount::toPrincipal)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    @Transactional
    public UserSummary create(String username, String displayName, String password, Role role,
            @Nullable TenantId clinic) {
        return save(username, null, displayName, hashPassword(password), role, clinic, null);
    }

    /** An account with a username of its own that is also reachable by e-mail. */
    @Transactional
    public UserSummary create(String username, EmailAddress email, String displayName, String password, Role role,
            @Nullable TenantId clinic) {
        if (users.findByEmailIgnoreCase(email.value()).isPresent()) {
            throw new IllegalArgumentException("an account for " + email + " exists already");
        }
        return save(username, email.value(), displayName, hashPassword(password), role, clinic, null);
    }

    /** An account whose username is its e-mail address, as sign-up and invitations make them. */
    @Transactional
    public UserSummary create(EmailAddress email, String displayName, PasswordHash password, Role role,
            @Nullable TenantId clinic) {
        if (users.findByEmailIgnoreCase(email.value()).isPresent()) {
            throw new IllegalArgumentException("an account for " + email + " exists already");
        }
        return save(email.value(), email.value(), displayName, password, role, clinic, null);
    }

    /** A company that publishes AI models; its staff are AI_VENDOR accounts. */
    @Transactional
    public Vendor registerVendor(String name, @Nullable String country, @Nullable String regulatory) {
        Vendor vendor = vendors.save(new Vendor(name, country, regulatory));
        audit.record(new AuditEvent(null, AuditEvent.currentActor(), "VENDOR_REGISTERED", "vendor",
                vendor.id().toString(), AuditEvent.Outcome.SUCCESS, vendor.name()));
        return vendor;
    }

    /** One of a vendor's staff, signing in with their e-mail address. */
    @Transactional
    public UserSummary createVendorAccount(EmailAddress email, String displayName, PasswordHash password,
            VendorId vendor) {
        if (users.findByEmailIgnoreCase(email.value()).isPresent()) {
            throw new IllegalArgumentException("an account for " + email + " exists already");
        }
        return save(email.value(), email.value(), displayName, password, Role.AI_VENDOR, null, vendor);
    }

    /** One of a vendor's staff with a username of its own (the demo's). */
    @Transactional
    public UserSummary createVendorAccount(String username, EmailAddress email, String displayName, String password,
            VendorId vendor) {
        return save(username, email.value(), displayName, hashPassword(password), Role.AI_VENDOR, null, vendor);
    }

    private UserSummary save(String username, @Nullable String email, String displayName, PasswordHash password,
            Role role, @Nullable TenantId clinic, @Nullable VendorId vendor) {
        String name = normalize(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username must be 3-254 characters: letters, digits, . _ @ + -");
        }
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("a name is required");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("username '" + name + "' is taken");
        }
        UserAccount account = users.save(new UserAccount(name, email, displayName.strip(), password.encoded(),
                role, clinic, vendor));
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "USER_CREATED", "user", account.id().toString(),
                AuditEvent.Outcome.SUCCESS, "role=" + role));
        return account.toSummary();
    }

    /** Checks the password against the policy and hashes it; the only place a password is hashed. */
    public PasswordHash hashPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at most " + MAX_PASSWORD_LENGTH + " characters");
        }
        return new PasswordHash(passwords.encode(password));
    }

    @Transactional
    public void changePassword(UUID userId, String password, String reason) {
        UserAccount account = users.findById(userId).orElseThrow(() -> new IllegalArgumentException("no such user"));
        account.changePassword(hashPassword(password).encoded());
        audit.record(new AuditEvent(tenantOf(account), AuditEvent.currentActor(), "PASSWORD_CHANGED", "user",
                userId.toString(), AuditEvent.Outcome.SUCCESS, reason));
    }

    /**
     * Lets a user sign in again, or stops them. An administrator may do this for anyone; a clinic manager for the
     * clinic's people, a vendor's staff for their colleagues; no one for themselves.
     */
    @Transactional
    public UserSummary setEnabled(UUID userId, boolean enabled, SignedInUser actor) {
        UserAccount account = users.findById(userId).orElseThrow(() -> new IllegalArgumentException("no such user"));
        boolean colleague = switch (actor.role()) {
            case PLATFORM_ADMIN -> true;
            case CLINIC_MANAGER -> actor.tenant().isPresent() && actor.tenant().equals(Optional.ofNullable(
                    tenantOf(account)));
            case AI_VENDOR -> account.vendor() != null && account.vendor().equals(vendorOf(actor.id())
                    .map(Vendor::id).orElse(null));
            default -> false;
        };
        if (!colleague || actor.id().equals(userId)) {
            throw new IllegalArgumentException("no such user");
        }
        account.enable(enabled);
        audit.record(new AuditEvent(tenantOf(account), actor.username(),
                enabled ? "USER_ENABLED" : "USER_DISABLED", "user", userId.toString(), AuditEvent.Outcome.SUCCESS,
                "role=" + account.role()));
        return account.toSummary();
    }

    @Transactional(readOnly = true)
    public Optional<Vendor> vendorOf(UUID userId) {
        return users.findById(userId).map(UserAccount::vendor).flatMap(v -> vendors.findById(v.value()));
    }

    @Transactional(readOnly = true)
    public String vendorName(VendorId vendor) {
        return vendors.findById(vendor.value()).map(Vendor::name).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<UserSummary> ofVendor(VendorId vendor) {
        return users.findByVendorIdOrderByUsername(vendor.value()).stream().map(UserAccount::toSummary).toList();
    }

    private static @Nullable TenantId tenantOf(UserAccount account) {
        return account.toSummary().clinic();
    }

    @Transactional
    public RadiologistProfile registerRadiologist(UUID userId, List<Licence> licences, Set<String> modalities,
            Set<String> subspecialties) {
        UserAccount account = users.findById(userId).orElseThrow(() -> new IllegalArgumentException("no such user"));
        if (account.role() != Role.RADIOLOGIST) {
            throw new IllegalArgumentException(account.username() + " is not a radiologist");
        }
        if (licences.isEmpty() || modalities.isEmpty()) {
            throw new IllegalArgumentException("a radiologist needs at least one licence and one modality");
        }
        return profiles.save(new RadiologistProfile(userId, licences, modalities, subspecialties));
    }

    /** Revokes a licence from {@code day}: from then on it no longer lets its holder read in its region. */
    @Transactional
    public RadiologistProfile revokeLicence(UUID userId, String number, LocalDate day, String reason) {
        RadiologistProfile profile = profiles.findById(userId)
                .orElseThrow(() -> new IllegalArgumentException("no such radiologist"));
        profile.revoke(number, day);
        audit.record(new AuditEvent(null, AuditEvent.currentActor(), "LICENCE_REVOKED", "user", userId.toString(),
                AuditEvent.Outcome.SUCCESS, "licence=" + number + " from=" + day + " reason=" + reason));
        return profile;
    }

    @Transactional(readOnly = true)
    public List<RadiologistProfile> radiologists() {
        return profiles.findAll();
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> byId(UUID userId) {
        return users.findById(userId).map(UserAccount::toSummary);
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> byEmail(EmailAddress email) {
        return users.findByEmailIgnoreCase(email.value()).map(UserAccount::toSummary);
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> byUsername(String username) {
        return users.findByUsername(normalize(username)).map(UserAccount::toSummary);
    }

    @Transactional(readOnly = true)
    public List<UserSummary> ofClinic(TenantId clinic) {
        return users.findByTenantIdOrderByUsername(clinic.value()).stream().map(UserAccount::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public List<UserSummary> withRole(Role role) {
        return users.findByRoleOrderByUsername(role).stream().map(UserAccount::toSummary).toList();
    }

    @Transactional(readOnly = true)
    public Optional<RadiologistProfile> profileOf(UUID userId) {
        return profiles.findById(userId);
    }

    /** The person signed in to the web UI on this thread, if any. */
    public static Optional<SignedInUser> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedInUser user ? Optional.of(user) : Optional.empty();
    }

    /** True while the person signed in has given their password but not yet their second factor. */
    public static boolean secondFactorPending() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Roles.SECOND_FACTOR));
    }

    static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
