package com.radrelay.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Stores and reads tenants' objects. Every object is encrypted with its tenant's data key on the way in and
 * decrypted (and authenticated) on the way out, whichever provider holds the bytes.
 */
public interface ObjectStore {

    /**
     * A new object, written as a stream: encrypted as it is written, durable once {@link ObjectWriter#commit()}
     * returns. Object names are never reused: a key that already holds an object may be refused.
     */
    ObjectWriter create(ObjectKey key) throws IOException;

    /** Writes all of {@code data} as a new object and returns once it is durable. */
    default void put(ObjectKey key, InputStream data) throws IOException {
        try (ObjectWriter writer = create(key)) {
            data.transferTo(writer);
            writer.commit();
        }
    }

    /** The whole object, decrypted as it is read. */
    InputStream open(ObjectKey key) throws IOException;

    /** Plaintext bytes {@code [offset, offset + length)} of the object. */
    InputStream openRange(ObjectKey key, long offset, long length) throws IOException;

    void delete(ObjectKey key) throws IOException;
}
