/** The append-only, hash-chained record of who did what to which resource, and with what outcome. */
@ApplicationModule(allowedDependencies = {"tenancy", "workflow"})
@NullMarked
package com.radrelay.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
