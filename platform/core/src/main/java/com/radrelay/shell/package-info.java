/** The web UI's frame: sign-in page, main layout with a menu built from every module's views, role homes. */
@ApplicationModule(allowedDependencies = {"security", "tenancy", "audit"})
@NullMarked
package com.radrelay.shell;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
