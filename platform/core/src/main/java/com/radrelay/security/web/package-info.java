/** Web security: sign-in, throttling, API tokens on REST and DICOMweb calls. */
@NullMarked
package com.radrelay.security.web;

import org.jspecify.annotations.NullMarked;
