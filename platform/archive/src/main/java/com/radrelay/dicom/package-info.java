/**
 * The DICOM network door: one dcm4che device listening for associations, the clinics' AE titles and their
 * registered peers, and a registry through which other modules add their DIMSE services.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "audit", "security"})
@NullMarked
package com.radrelay.dicom;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
