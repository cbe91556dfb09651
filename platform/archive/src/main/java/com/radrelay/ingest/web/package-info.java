/** The STOW-RS door. */
@NullMarked
package com.radrelay.ingest.web;

import org.jspecify.annotations.NullMarked;
