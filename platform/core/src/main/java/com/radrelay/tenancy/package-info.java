/** Clinics (tenants), the current tenant, and the database walls that keep tenants apart. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.radrelay.tenancy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
