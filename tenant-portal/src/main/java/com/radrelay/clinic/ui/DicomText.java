package com.radrelay.clinic.ui;

import org.jspecify.annotations.Nullable;

/** DICOM values that may be missing, as pages show them. */
final class DicomText {

    private DicomText() {
    }

    static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
