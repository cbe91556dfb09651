/** Routing: on each received study, the clinic's subscriptions and their rules decide which models read it. */
@ApplicationModule(allowedDependencies = {"tenancy", "archive", "workflow", "marketplace", "inference"})
@NullMarked
package com.radrelay.routing;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
