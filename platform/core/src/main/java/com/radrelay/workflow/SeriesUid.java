package com.radrelay.workflow;

/** Identifies a series (Series Instance UID). */
public record SeriesUid(String value) {

    public SeriesUid {
        Uids.check(value, "Series Instance UID");
    }

    @Override
    public String toString() {
        return value;
    }
}
