/** Writing and signing reports: templates, drafts, sign-off with re-authentication, immutable signed versions. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "workflow", "worklist", "audit", "shell", "archive", "viewer :: ui"})
@NullMarked
package com.radrelay.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
