/** The C-STORE door. */
@NullMarked
package com.radrelay.ingest.dimse;

import org.jspecify.annotations.NullMarked;
