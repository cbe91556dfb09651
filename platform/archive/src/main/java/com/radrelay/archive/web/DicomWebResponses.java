package com.radrelay.archive.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;

/** Small helpers shared by the DICOMweb controllers. */
final class DicomWebResponses {

    private DicomWebResponses() {
    }

    /** The clinic's DICOMweb root as the caller sees it, e.g. http://host:8080/dicomweb/lakeside. */
    static String base(HttpServletRequest rq, String clinic) {
        return rq.getRequestURL().toString().replace(rq.getRequestURI(), rq.getContextPath()) + "/dicomweb/" + clinic;
    }

    static boolean acceptsJson(HttpServletRequest rq) {
        for (String accept : Collections.list(rq.getHeaders("Accept"))) {
            for (String type : accept.toLowerCase(Locale.ROOT).split(",")) {
                String t = type.split(";")[0].strip();
                if (t.equals("application/dicom+json") || t.equals("application/json") || t.equals("*/*")
                        || t.equals("application/*")) {
                    return true;
                }
            }
        }
        return !rq.getHeaders("Accept").hasMoreElements();
    }

    static void problem(HttpServletResponse rsp, int status, String message) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=UTF-8");
        rsp.getWriter().write(message);
    }
}
