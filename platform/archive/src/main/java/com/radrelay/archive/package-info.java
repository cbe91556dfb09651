/**
 * The archive: stores each clinic's DICOM instances (objects in storage, an index in PostgreSQL), answers
 * QIDO-RS/WADO-RS and C-FIND/C-GET/C-MOVE, and announces studies once they are complete.
 */
@ApplicationModule(allowedDependencies = {"tenancy", "storage", "dicom", "dicom :: web", "workflow", "audit", "security"})
@NullMarked
package com.radrelay.archive;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
