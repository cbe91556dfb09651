package com.radrelay.archive.web;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Faults behind a DICOMweb call become a plain error response, never a redirect to the sign-in page. */
@RestControllerAdvice(basePackageClasses = DicomWebErrors.class)
class DicomWebErrors {

    private static final Logger log = LoggerFactory.getLogger(DicomWebErrors.class);

    @ExceptionHandler(IOException.class)
    ResponseEntity<String> storageFault(IOException e) {
        log.warn("DICOMweb request failed: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_PLAIN)
                .body("the archive could not read its storage; try again");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> fault(RuntimeException e) {
        log.error("DICOMweb request failed", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_PLAIN)
                .body("the archive failed to answer; the error is logged");
    }
}
