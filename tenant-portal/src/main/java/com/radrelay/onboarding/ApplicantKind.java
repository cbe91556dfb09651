package com.radrelay.onboarding;

import com.radrelay.security.Role;

/** Who is asking to join, and the role their account gets once approved. */
public enum ApplicantKind {
    CLINIC("clinic", Role.CLINIC_MANAGER),
    RADIOLOGIST("radiologist", Role.RADIOLOGIST),
    AI_VENDOR("AI vendor", Role.AI_VENDOR);

    private final String label;
    private final Role role;

    ApplicantKind(String label, Role role) {
        this.label = label;
        this.role = role;
    }

    public String label() {
        return label;
    }

    Role role() {
        return role;
    }
}
