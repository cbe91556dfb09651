package com.radrelay.archive;

import org.jspecify.annotations.Nullable;

/** The answer to one stored instance, with the DICOM status its door reports. */
public sealed interface StoreResult {

    int status();

    @Nullable String sopClassUid();

    @Nullable String sopInstanceUid();

    record Stored(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid)
            implements StoreResult {
        @Override
        public int status() {
            return 0x0000;
        }
    }

    /** A copy of an instance already stored; kept as it was (success for the sender: nothing is lost). */
    record Duplicate(String sopClassUid, String sopInstanceUid, String studyInstanceUid, String seriesInstanceUid)
            implements StoreResult {
        @Override
        public int status() {
            return 0x0000;
        }
    }

    /** Not stored: the sender must fix the instance. {@code status} is a PS3.4 failure status. */
    record Rejected(int status, String reason, @Nullable String sopClassUid, @Nullable String sopInstanceUid)
            implements StoreResult {
    }

    /** Not stored because of a fault on our side (storage or database down); the sender may retry. */
    record Failed(String reason, @Nullable String sopClassUid, @Nullable String sopInstanceUid) implements StoreResult {
        @Override
        public int status() {
            return 0x0110;
        }
    }
}
