package com.radrelay.workflow;

/** Identifies one DICOM instance (SOP Instance UID). */
public record SopInstanceUid(String value) {

    public SopInstanceUid {
        Uids.check(value, "SOP Instance UID");
    }

    /** Whether {@code value} has the syntax of a UID (callers turning outside input into one check first). */
    public static boolean valid(String value) {
        try {
            Uids.check(value, "SOP Instance UID");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
