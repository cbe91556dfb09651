package com.radrelay.storage.spi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one blob. {@link #commit()} returns once the blob is durable under its name (on disk or acknowledged by
 * the storage service); closing without committing discards what was written, closing after it does nothing.
 */
public abstract class BlobWriter extends OutputStream {

    public abstract void commit() throws IOException;
}
