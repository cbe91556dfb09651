package com.radrelay.security;

import com.radrelay.tenancy.TenantBound;
import com.radrelay.tenancy.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A person signed in to the web UI. Clinic staff carry their clinic; everyone else carries none. The password hash is
 * there only while the password is checked: the principal kept in the session is {@link #withoutPassword()}.
 */
public record SignedInUser(UUID id, String username, String displayName, Role role, @Nullable TenantId clinic,
        @Nullable String passwordHash, boolean enabled) implements UserDetails, TenantBound {

    public SignedInUser withoutPassword() {
        return new SignedInUser(id, username, displayName, role, clinic, null, enabled);
    }

    @Override
    public Optional<TenantId> tenant() {
        return Optional.ofNullable(clinic);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Never leaks the hash into logs or the session dump. */
    @Override
    public String toString() {
        return "SignedInUser[" + username + ", " + role + (clinic == null ? "" : ", clinic " + clinic) + "]";
    }
}
