package com.radrelay.security;

import com.radrelay.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What other modules may know about a user. */
public record UserSummary(UUID id, String username, @Nullable String email, String displayName, Role role,
        @Nullable TenantId clinic, @Nullable VendorId vendor, boolean enabled, Instant createdAt) {
}
