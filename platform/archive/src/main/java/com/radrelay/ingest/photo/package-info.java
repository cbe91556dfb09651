/** Clinical photographs wrapped as DICOM: JPEG parsing, metadata scrubbing, orientation. */
@NullMarked
package com.radrelay.ingest.photo;

import org.jspecify.annotations.NullMarked;
