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

    /**
     * Not stored: the sender must fix the instance. {@code status} is a PS3.4 failure status; the reason, at most 64
     * characters, fits a DIMSE Error Comment, so every door and the audit log give the same words.
     */
    record Rejected(int status, String reason, @Nullable String sopClassUid, @Nullable String sopInstanceUid)
            implements StoreResult {
        public Rejected {
            reason = fit(reason);
        }
    }

    /** Not stored because of a fault on our side (storage or database down); the sender may retry. */
    record Failed(String reason, @Nullable String sopClassUid, @Nullable String sopInstanceUid) implements StoreResult {
        public Failed {
            reason = fit(reason);
        }

        @Override
        public int status() {
            return 0x0110;
        }
    }

    /** A reason cut to the 64 characters of an Error Comment (LO). */
    static String fit(String reason) {
        String oneLine = reason.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 64 ? oneLine : oneLine.substring(0, 61) + "...";
    }
}
