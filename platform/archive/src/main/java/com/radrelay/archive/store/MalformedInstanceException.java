package com.radrelay.archive.store;

import java.io.IOException;

/** The instance cannot be stored as sent; {@code status} is the DICOM status (PS3.4 Annex B / PS3.18 failure reason). */
public final class MalformedInstanceException extends IOException {

    private final int status;

    public MalformedInstanceException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
