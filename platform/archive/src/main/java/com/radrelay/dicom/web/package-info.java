/**
 * DICOMweb plumbing shared by the STOW-RS, QIDO-RS and WADO-RS doors: media types and content negotiation,
 * multipart bodies, addresses, and error answers.
 */
@NamedInterface("web")
@NullMarked
package com.radrelay.dicom.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
