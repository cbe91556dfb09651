/**
 * Object storage per tenant: every object under its tenant's prefix and encrypted with its key, in the store a
 * location URI names (a local folder or S3).
 */
@ApplicationModule(allowedDependencies = {"tenancy"})
@NullMarked
package com.radrelay.storage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
