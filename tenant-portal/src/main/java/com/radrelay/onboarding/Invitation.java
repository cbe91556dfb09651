package com.radrelay.onboarding;

import com.radrelay.security.Role;
import com.radrelay.tenancy.TenantId;

/** What the invitee sees before joining: which clinic, in which role, for which address. */
public record Invitation(String email, Role role, TenantId clinic, String clinicName) {
}
