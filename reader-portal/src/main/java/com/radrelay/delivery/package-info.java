/** Signed reports back to the clinic: PDF and DICOM SR into its study, a FHIR R4 DiagnosticReport endpoint. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "workflow", "reporting", "archive"})
@NullMarked
package com.radrelay.delivery;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
