package com.radrelay.ingest;

import com.radrelay.ingest.upload.UploadRecords;
import com.radrelay.tenancy.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Files a clinic's staff upload from their browser over the tus resumable upload protocol, at
 * {@value #ENDPOINT}: each completed file is checked and its DICOM instances go through the archive's one store
 * path, like any other door's.
 */
@Service
public class BrowserUploads {

    public static final String ENDPOINT = "/uploads";

    private final UploadRecords records;

    BrowserUploads(UploadRecords records) {
        this.records = records;
    }

    /** The report of an upload of {@code uploader} at {@code clinic}; empty for anyone else's or an unknown id. */
    public Optional<UploadReport> report(TenantId clinic, String uploader, String uploadId) {
        return records.report(clinic, uploader, uploadId);
    }
}
