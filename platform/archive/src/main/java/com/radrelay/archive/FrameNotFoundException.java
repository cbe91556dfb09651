package com.radrelay.archive;

import java.io.IOException;

/** The instance has no such frame, or its frames cannot be told apart. */
public final class FrameNotFoundException extends IOException {

    FrameNotFoundException(String message) {
        super(message);
    }
}
