package com.radrelay.onboarding;

/** Where an application stands: only PENDING ones wait for the administrator. */
public enum ApplicationStatus {
    /** Submitted; the applicant has not yet followed the link sent to their address. */
    UNCONFIRMED,
    PENDING,
    /** The administrator asked a question; the applicant answers through a link. */
    MORE_INFO,
    APPROVED,
    REJECTED,
    /** Never confirmed, and replaced by a later application from the same address. */
    REPLACED;
}
