package com.radrelay.onboarding;

import com.radrelay.security.Role;

/** What the invitee sees before joining: which clinic or vendor, in which role, for which address. */
public record Invitation(String email, Role role, String organisation) {
}
