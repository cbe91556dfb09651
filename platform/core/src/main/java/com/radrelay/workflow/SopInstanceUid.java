package com.radrelay.workflow;

/** Identifies one DICOM instance (SOP Instance UID). */
public record SopInstanceUid(String value) {

    public SopInstanceUid {
        Uids.check(value, "SOP Instance UID");
    }

    @Override
    public String toString() {
        return value;
    }
}
