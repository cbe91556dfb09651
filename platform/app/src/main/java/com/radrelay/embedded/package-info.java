/** Stand-ins for PostgreSQL and Redis that start with the application when no local server answers. */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.radrelay.embedded;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
