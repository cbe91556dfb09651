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

    /** A DICOM date (DA, {@code 20261120}) as people read it ({@code 2026-11-20}); anything else as it is. */
    public static String readableDate(@Nullable String da) {
        if (da == null || da.isBlank()) {
            return "";
        }
        return da.length() == 8 && da.chars().allMatch(Character::isDigit)
                ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da;
    }

    /** One series of a study. */
    public record Series(String seriesUid, @Nullable String modality, @Nullable Integer number,
            @Nullable String description, @Nullable String bodyPart, int instances) {
    }
}
