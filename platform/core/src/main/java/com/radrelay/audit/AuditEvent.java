package com.radrelay.audit;

import com.radrelay.tenancy.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One thing that happened: {@code actor} did {@code action} to {@code objectType/objectId}. Details must
 * never carry PHI: identifiers and counts only.
 */
public record AuditEvent(@Nullable TenantId tenant, String actor, String action, String objectType,
        @Nullable String objectId, Outcome outcome, @Nullable String detail) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    /** Who the current thread acts for: the signed-in user, an API token, or "system" for background work. */
    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    public AuditEvent {
        if (actor.isBlank() || action.isBlank() || objectType.isBlank()) {
            throw new IllegalArgumentException("actor, action and object type are required");
        }
    }
}
