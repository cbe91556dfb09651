package com.radrelay.clinic.ui;

import org.jspecify.annotations.Nullable;

/** DICOM values as people read them. */
final class DicomText {

    private DicomText() {
    }

    /** A DA value ({@code 20261120}) as {@code 2026-11-20}; anything else as it is. */
    static String date(@Nullable String da) {
        if (da == null || da.isBlank()) {
            return "";
        }
        return da.length() == 8 && da.chars().allMatch(Character::isDigit)
                ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da;
    }

    static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
