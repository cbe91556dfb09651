/** Demo clinics, users, credentials, pending applications and AI models; only with the {@code demo} profile. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "dicom", "ingest", "workflow", "onboarding", "mail",
    "marketplace", "marketplace :: demo-models"})
@NullMarked
package com.radrelay.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
