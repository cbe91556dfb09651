/** The study's journey: the events that mark each finished step, shared by every Maven module. */
@ApplicationModule(allowedDependencies = {"tenancy"})
@NullMarked
package com.radrelay.workflow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
