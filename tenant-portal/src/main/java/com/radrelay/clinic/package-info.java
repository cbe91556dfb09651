/** A clinic's own pages: overview, staff, API tokens, uploading studies from the browser. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "shell", "ingest", "archive", "workflow", "audit", "mail"})
@NullMarked
package com.radrelay.clinic;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
