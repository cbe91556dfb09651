package com.radrelay.storage;

import java.io.IOException;
import java.io.InputStream;

/** Plaintext of known length that can be read more than once (a retried upload reads it again). */
public interface Content {

    long length();

    InputStream open() throws IOException;
}
