package com.radrelay.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What became of one file uploaded from a browser: still being checked, or done with one entry per file it held
 * (one for a DICOM file, one per file inside a zip archive or a bundle of a folder's small files).
 */
public record UploadReport(String id, String fileName, boolean done, List<Entry> entries) {

    public enum Outcome { STORED, DUPLICATE, REJECTED, FAILED, SKIPPED }

    /** One file and its fate; {@code reason} says why it was not stored, {@code studyUid} where it went. */
    public record Entry(String name, Outcome outcome, @Nullable String reason, @Nullable String studyUid) {
    }

    public long count(Outcome outcome) {
        return entries.stream().filter(e -> e.outcome() == outcome).count();
    }
}
