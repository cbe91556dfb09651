package com.radrelay.storage.file;

import com.radrelay.storage.spi.BlobStore;
import com.radrelay.storage.spi.StorageProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * {@code file:///var/lib/radrelay/objects} (or a relative {@code file:data/objects}): blobs as files in a local
 * folder, for the run command's embedded default and single-node installs.
 */
@Component
class FileStorageProvider implements StorageProvider {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public BlobStore open(URI location) throws IOException {
        return new FileBlobStore(location.isOpaque() ? Path.of(location.getSchemeSpecificPart()) : Path.of(location));
    }
}
