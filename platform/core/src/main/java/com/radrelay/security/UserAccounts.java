package com.radrelay.security;

import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.TenantId;
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
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");

    private final Users users;
    private final RadiologistProfiles profiles;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    UserAccounts(Users users, RadiologistProfiles profiles, PasswordEncoder passwords, AuditLog audit) {
        this.users = users;
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
        String name = normalize(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username must be 3-64 characters: letters, digits, . _ @ -");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("username '" + name + "' is taken");
        }
        UserAccount account = users.save(new UserAccount(name, displayName.strip(), passwords.encode(password),
                role, clinic));
        audit.record(new AuditEvent(clinic, AuditEvent.currentActor(), "USER_CREATED", "user", account.id().toString(),
                AuditEvent.Outcome.SUCCESS, "role=" + role));
        return account.toSummary();
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

    static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
