/** Who may do what: user accounts, radiologist licences, sign-in, clinic API tokens. */
@ApplicationModule(allowedDependencies = {"tenancy", "audit", "storage"})
@NullMarked
package com.radrelay.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
