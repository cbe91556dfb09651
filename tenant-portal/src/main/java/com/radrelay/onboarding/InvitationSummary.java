package com.radrelay.onboarding;

import com.radrelay.security.Role;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invitation into a clinic, as its manager sees it. */
public record InvitationSummary(UUID id, String email, Role role, String invitedBy, Instant sentAt,
        @Nullable Instant acceptedAt, @Nullable Instant withdrawnAt) {

    public String state() {
        return acceptedAt != null ? "joined" : withdrawnAt != null ? "withdrawn" : "waiting";
    }
}
