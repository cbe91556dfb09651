package com.radrelay.storage.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a provider keeps bytes, by name: the same names and bytes on every provider (the encryption above it is
 * provider-independent). Names are relative to the location the provider was opened on.
 */
public interface BlobStore extends AutoCloseable {

    /** A new blob, written as a stream and visible under its name only once committed. */
    BlobWriter create(String name) throws IOException;

    /**
     * Bytes {@code [from, to)} of a blob, or from {@code from} to its end when {@code to} is negative, together with
     * the blob's whole length.
     *
     * @throws java.io.FileNotFoundException when there is no such blob
     */
    Blob read(String name, long from, long to) throws IOException;

    void delete(String name) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** A read of part of a blob: its bytes, and how long the whole blob is. */
    record Blob(InputStream data, long totalLength) {
    }
}
