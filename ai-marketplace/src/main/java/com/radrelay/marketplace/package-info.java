/** The AI marketplace: vendors publish models, clinics subscribe to them. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "shell"})
@NullMarked
package com.radrelay.marketplace;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
