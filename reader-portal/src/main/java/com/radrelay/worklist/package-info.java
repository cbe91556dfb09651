/** What a radiologist may read and picks next: licences today, the prioritised worklist as studies arrive. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "shell", "workflow", "archive", "audit"})
@NullMarked
package com.radrelay.worklist;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
