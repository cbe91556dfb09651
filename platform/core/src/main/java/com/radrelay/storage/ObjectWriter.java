package com.radrelay.storage;

import java.io.IOException;
import java.io.OutputStream;

/** Writes one new object; closing it without {@link #commit()} discards it. */
public abstract class ObjectWriter extends OutputStream {

    /** Returns once the object is durable and readable under its key. */
    public abstract void commit() throws IOException;
}
