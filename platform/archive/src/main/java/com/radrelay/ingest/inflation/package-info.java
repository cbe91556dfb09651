/** Limits on what compressed input may expand to, shared by the upload and STOW-RS doors. */
@NullMarked
package com.radrelay.ingest.inflation;

import org.jspecify.annotations.NullMarked;
