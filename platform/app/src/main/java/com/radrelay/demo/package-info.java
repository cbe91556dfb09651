/** Demo clinics, users, credentials and pending applications; only with the {@code demo} profile. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "dicom", "ingest", "workflow", "onboarding", "mail"})
@NullMarked
package com.radrelay.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
