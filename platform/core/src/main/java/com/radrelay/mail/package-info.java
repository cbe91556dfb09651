/** Outgoing e-mail: links to confirm, join and reset, and warnings; an embedded SMTP server outside production. */
@ApplicationModule(allowedDependencies = {"security"})
@NullMarked
package com.radrelay.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
