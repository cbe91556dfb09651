package com.radrelay.onboarding;

import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.TenantDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Applicants' licence scans, encrypted in the object store under the platform's own key, never a clinic's. */
@Component
class LicenceDocuments {

    private final ObjectStore store;

    LicenceDocuments(ObjectStore store) {
        this.store = store;
    }

    String store(UUID application, LicenceDocument document) {
        ObjectKey key = new ObjectKey(TenantDirectory.PLATFORM_DATA,
                "onboarding/" + application + "/licence-" + UUID.randomUUID());
        try {
            store.put(key, new ByteArrayInputStream(document.content()));
        } catch (IOException e) {
            throw new UncheckedIOException("licence document not stored", e);
        }
        return key.path();
    }

    InputStream open(String path) throws IOException {
        return store.open(new ObjectKey(TenantDirectory.PLATFORM_DATA, path));
    }
}
