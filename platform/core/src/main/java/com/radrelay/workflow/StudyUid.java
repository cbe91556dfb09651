package com.radrelay.workflow;

/** Identifies a study (Study Instance UID) across every module. */
public record StudyUid(String value) {

    public StudyUid {
        Uids.check(value, "Study Instance UID");
    }

    /** Whether {@code value} has the syntax of a UID (callers turning outside input into one check first). */
    public static boolean valid(String value) {
        try {
            Uids.check(value, "Study Instance UID");
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
