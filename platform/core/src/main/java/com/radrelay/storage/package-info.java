/** Object storage per tenant: S3-compatible, every object under its tenant's prefix and encrypted with its key. */
@ApplicationModule(allowedDependencies = {"tenancy"})
@NullMarked
package com.radrelay.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
