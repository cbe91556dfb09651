/**
 * The append-only, HMAC-chained and anchored record of who did what to which resource, and with what outcome (its
 * key file is kept like the storage's master key).
 */
@ApplicationModule(allowedDependencies = {"tenancy", "workflow", "storage"})
@NullMarked
package com.radrelay.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
