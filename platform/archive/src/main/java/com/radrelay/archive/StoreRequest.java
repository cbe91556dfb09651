package com.radrelay.archive;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** One instance arriving through a door of the archive. The stream is read once, to its end. */
public sealed interface StoreRequest {

    TenantId tenant();

    InputStream data();

    /**
     * Who sent it, for provenance and the audit log: {@code dicom:AE@address}, {@code stow:token name} or
     * {@code upload:username}.
     */
    String source();

    /** A C-STORE: the data set alone, encoded in the presentation context's transfer syntax. */
    record Dimse(TenantId tenant, InputStream data, String source, String callingAeTitle, String transferSyntax,
            String sopClassUid, String sopInstanceUid) implements StoreRequest {
    }

    /** A DICOM Part-10 file: a STOW-RS part or a file uploaded from a browser; {@code study} when the request named one. */
    record File(TenantId tenant, InputStream data, String source, @Nullable StudyUid study)
            implements StoreRequest {
    }
}
