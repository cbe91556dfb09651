package com.radrelay.workflow;

/** Identifies a study (Study Instance UID) across every module. */
public record StudyUid(String value) {

    public StudyUid {
        Uids.check(value, "Study Instance UID");
    }

    @Override
    public String toString() {
        return value;
    }
}
