/**
 * Joining RadRelay: sign-up of clinics, licensed radiologists and AI vendors with e-mail confirmation, the platform
 * administrator's review queue, invitations into a clinic, password reset by e-mail, and licence expiry warnings.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "audit", "shell", "mail", "storage", "workflow"})
@NullMarked
package com.radrelay.onboarding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
