/** Demo clinics, users and credentials; only with the {@code demo} profile. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "dicom", "ingest", "workflow"})
@NullMarked
package com.radrelay.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
