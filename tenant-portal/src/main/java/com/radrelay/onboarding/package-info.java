/** Bringing clinics onto the platform: the platform administrator's register of clinics. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "audit", "shell"})
@NullMarked
package com.radrelay.onboarding;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
