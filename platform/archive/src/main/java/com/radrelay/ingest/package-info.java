/** The doors studies come in by: DIMSE C-STORE and DICOMweb STOW-RS, both thin in front of the archive. */
@ApplicationModule(allowedDependencies = {"archive", "dicom", "dicom :: web", "tenancy", "security", "audit", "shell", "workflow"})
@NullMarked
package com.radrelay.ingest;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
