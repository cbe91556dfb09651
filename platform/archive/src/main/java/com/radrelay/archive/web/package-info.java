/** The archive's DICOMweb doors: QIDO-RS and WADO-RS in front of StudyArchive. */
@NullMarked
package com.radrelay.archive.web;

import org.jspecify.annotations.NullMarked;
