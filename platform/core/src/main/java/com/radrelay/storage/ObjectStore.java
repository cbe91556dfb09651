package com.radrelay.storage;

import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stores and reads a tenant's objects. Paths are relative to the tenant's prefix; the store adds the prefix,
 * encrypts with the tenant's key on the way in and decrypts (and authenticates) on the way out.
 */
public interface ObjectStore {

    /** Writes the object durably; returns once the storage service has acknowledged it. */
    void put(TenantId tenant, String path, Content content) throws IOException;

    /** The whole object, decrypted as it is read. */
    InputStream open(TenantId tenant, String path) throws IOException;

    /** Plaintext bytes {@code [offset, offset + length)} of the object. */
    InputStream openRange(TenantId tenant, String path, long offset, long length) throws IOException;

    void delete(TenantId tenant, String path) throws IOException;

    /** The full key of a tenant's object in the bucket, e.g. {@code tenants/<id>/studies/...}. */
    static String key(TenantId tenant, String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("//")) {
            throw new IllegalArgumentException("invalid object path: " + path);
        }
        return "tenants/" + tenant + "/" + path;
    }
}
