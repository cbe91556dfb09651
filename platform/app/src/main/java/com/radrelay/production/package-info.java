/**
 * Production's own rules: start-up refuses every laptop fallback and names each missing setting, and migrations run
 * as a separate command with the schema owner's credentials.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package com.radrelay.production;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
