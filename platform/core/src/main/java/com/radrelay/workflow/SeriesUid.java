package com.radrelay.workflow;

/** Identifies a series (Series Instance UID). */
public record SeriesUid(String value) {

    public SeriesUid {
        Uids.check(value, "Series Instance UID");
    }

    /** Whether {@code value} has the syntax of a UID (callers turning outside input into one check first). */
    public static boolean valid(String value) {
        try {
            Uids.check(value, "Series Instance UID");
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
