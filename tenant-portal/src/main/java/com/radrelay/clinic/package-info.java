/** A clinic's own pages: overview, staff, API tokens, and how to send studies. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "shell"})
@NullMarked
package com.radrelay.clinic;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
