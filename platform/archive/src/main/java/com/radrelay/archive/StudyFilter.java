package com.radrelay.archive;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * What a clinic's study list is narrowed to. {@code patient} matches the start of the family name, or a patient ID
 * or accession number exactly; dates bound the study date, both ends included.
 */
public record StudyFilter(@Nullable String patient, @Nullable String modality, @Nullable LocalDate from,
        @Nullable LocalDate to) {

    public static StudyFilter all() {
        return new StudyFilter(null, null, null, null);
    }
}
