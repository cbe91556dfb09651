/** The archive's DIMSE doors: C-FIND, C-GET and C-MOVE SCPs in front of StudyArchive. */
@NullMarked
package com.radrelay.archive.dimse;

import org.jspecify.annotations.NullMarked;
