package com.radrelay.security;

import com.radrelay.tenancy.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A login. Platform data: read by sign-in before any tenant is known, so it is not under row-level security. */
@Entity
@Table(name = "users")
class UserAccount {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String username;

    @Column
    private @Nullable String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "tenant_id")
    private @Nullable UUID tenantId;

    @Column(name = "vendor_id")
    private @Nullable UUID vendorId;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {
    }

    UserAccount(String username, @Nullable String email, String displayName, String passwordHash, Role role,
            @Nullable TenantId clinic, @Nullable VendorId vendor) {
        if (role.clinicRole() != (clinic != null)) {
            throw new IllegalArgumentException(role.clinicRole()
                    ? role + " must belong to a clinic" : role + " cannot belong to a clinic");
        }
        if ((role == Role.AI_VENDOR) != (vendor != null)) {
            throw new IllegalArgumentException(role == Role.AI_VENDOR
                    ? "an AI vendor account must belong to a vendor" : role + " cannot belong to a vendor");
        }
        this.vendorId = vendor == null ? null : vendor.value();
        this.id = UUID.randomUUID();
        this.username = username;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.tenantId = clinic == null ? null : clinic.value();
        this.enabled = true;
        this.createdAt = Instant.now();
    }

    UUID id() {
        return id;
    }

    String username() {
        return username;
    }

    Role role() {
        return role;
    }

    @Nullable String email() {
        return email;
    }

    @Nullable VendorId vendor() {
        return vendorId == null ? null : new VendorId(vendorId);
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    SignedInUser toPrincipal() {
        return new SignedInUser(id, username, displayName, role, tenantId == null ? null : new TenantId(tenantId),
                passwordHash, enabled);
    }

    UserSummary toSummary() {
        return new UserSummary(id, username, email, displayName, role,
                tenantId == null ? null : new TenantId(tenantId), vendor(), enabled, createdAt);
    }
}
