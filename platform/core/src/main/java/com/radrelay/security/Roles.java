package com.radrelay.security;

/** Role names as compile-time constants for {@code @RolesAllowed}; they equal {@link Role#name()}. */
public final class Roles {

    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";
    public static final String CLINIC_MANAGER = "CLINIC_MANAGER";
    public static final String CLINIC_UPLOADER = "CLINIC_UPLOADER";
    public static final String RADIOLOGIST = "RADIOLOGIST";
    public static final String AI_VENDOR = "AI_VENDOR";
    /** Machine clients that authenticate with a clinic's API token. */
    public static final String API_CLIENT = "API_CLIENT";
    /** Someone who gave the right password and must still give their second factor: may open that page alone. */
    public static final String SECOND_FACTOR = "SECOND_FACTOR";

    private Roles() {
    }
}
