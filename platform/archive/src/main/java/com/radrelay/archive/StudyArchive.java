package com.radrelay.archive;

import com.radrelay.archive.store.InstanceStore;
import org.springframework.stereotype.Service;

/** The archive's face to other modules: store instances; query and retrieval follow the DICOM doors. */
@Service
public class StudyArchive {

    private final InstanceStore store;

    StudyArchive(InstanceStore store) {
        this.store = store;
    }

    /** Stores one instance and answers only once it is durable (object and index). */
    public StoreResult store(StoreRequest request) {
        return store.store(request);
    }

    /** A batch for instances that arrive on one stream; each one added is stored as {@link #store} would. */
    public StoreBatch batch() {
        return store.batch();
    }
}
