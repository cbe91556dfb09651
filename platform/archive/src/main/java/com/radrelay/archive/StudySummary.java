package com.radrelay.archive;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A study as a clinic's lists show it, in plain values (no DICOM toolkit types): demographics and dates as stored
 * (DICOM DA/TM text, names with {@code ^} between their parts).
 */
public record StudySummary(String studyUid, @Nullable String patientName, @Nullable String patientId,
        @Nullable String birthDate, @Nullable String sex, @Nullable String studyDate, @Nullable String studyTime,
        @Nullable String accessionNumber, @Nullable String description, List<String> modalities, List<String> bodyParts,
        int series, int instances, Instant receivedAt) {

    /** The patient's name for people: the parts in the usual order, without carets. */
    public String patientNameForPeople() {
        if (patientName == null || patientName.isBlank()) {
            return "(no name)";
        }
        String[] parts = patientName.split("=")[0].split("\\^", -1);
        String family = parts[0].strip();
        String given = parts.length > 1 ? parts[1].strip() : "";
        return given.isEmpty() ? family : family + ", " + given;
    }

    /** One series of a study. */
    public record Series(String seriesUid, @Nullable String modality, @Nullable Integer number,
            @Nullable String description, @Nullable String bodyPart, int instances) {
    }
}
