/** The uploader's Send studies page. */
@NullMarked
package com.radrelay.ingest.ui;

import org.jspecify.annotations.NullMarked;
