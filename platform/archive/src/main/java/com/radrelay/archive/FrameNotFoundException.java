package com.radrelay.archive.retrieve;

import java.io.IOException;

/** The requested frame does not exist, or the instance has no pixel data to take it from. */
public final class FrameNotFoundException extends IOException {

    public FrameNotFoundException(String message) {
        super(message);
    }
}
