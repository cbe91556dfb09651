package com.radrelay.storage.spi;

import java.io.IOException;
import java.net.URI;

/**
 * Opens the blob store a location URI names; the store picks the provider by the URI's scheme, as dcm4chee-arc's
 * storage providers and Orthanc's storage plugins are picked.
 */
public interface StorageProvider {

    /** The URI scheme this provider serves, e.g. {@code file} or {@code s3}. */
    String scheme();

    BlobStore open(URI location) throws IOException;
}
