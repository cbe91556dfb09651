package com.radrelay.dicom.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Addresses of DICOMweb resources as the caller reaches them. */
public final class DicomWebUrls {

    private DicomWebUrls() {
    }

    /** The application's root as the caller sees it, e.g. {@code http://host:8080}. */
    public static String root(HttpServletRequest rq) {
        return ServletUriComponentsBuilder.fromContextPath(rq).replaceQuery(null).build().toUriString();
    }

    /** A clinic's DICOMweb root, e.g. {@code http://host:8080/dicomweb/lakeside}. */
    public static String base(HttpServletRequest rq, String clinic) {
        return root(rq) + "/dicomweb/" + clinic;
    }

    public static String study(String base, String study) {
        return base + "/studies/" + study;
    }

    public static String series(String base, String study, String series) {
        return study(base, study) + "/series/" + series;
    }

    public static String instance(String base, String study, String series, String sop) {
        return series(base, study, series) + "/instances/" + sop;
    }
}
