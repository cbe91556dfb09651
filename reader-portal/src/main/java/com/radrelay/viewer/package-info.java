/** The zero-footprint viewer: a Cornerstone3D component and the session door it loads images through. */
@ApplicationModule(allowedDependencies = {"tenancy", "security", "workflow", "worklist", "archive", "audit"})
@NullMarked
package com.radrelay.viewer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
