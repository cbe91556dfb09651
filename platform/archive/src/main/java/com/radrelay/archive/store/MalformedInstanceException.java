package com.radrelay.archive.store;

import java.io.IOException;

/** The instance cannot be stored as sent; {@code status} is the DICOM status (PS3.4 Annex B / PS3.18 failure reason). */
final class MalformedInstanceException extends IOException {

    private final int status;

    MalformedInstanceException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
