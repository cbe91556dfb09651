package com.radrelay.security;

/** The five kinds of user. Clinic roles belong to exactly one clinic; the others to none. */
public enum Role {
    PLATFORM_ADMIN(false),
    CLINIC_MANAGER(true),
    CLINIC_UPLOADER(true),
    RADIOLOGIST(false),
    AI_VENDOR(false);

    private final boolean clinicRole;

    Role(boolean clinicRole) {
        this.clinicRole = clinicRole;
    }

    public boolean clinicRole() {
        return clinicRole;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
