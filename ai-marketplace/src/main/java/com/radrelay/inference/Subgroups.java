package com.radrelay.inference;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Who and what a result was about, coarse enough to compare groups and never to name a patient: sex, an age band,
 * the modality and the device.
 */
record Subgroups(@Nullable String sex, @Nullable String ageBand, @Nullable String modality,
        @Nullable String manufacturer, @Nullable String deviceModel) {

    /** Bands of the patient's age at the study (DICOM DA dates); empty when either date is missing or unreadable. */
    static @Nullable String ageBand(@Nullable String birthDate, @Nullable String studyDate) {
        if (birthDate == null || studyDate == null) {
            return null;
        }
        try {
            DateTimeFormatter da = DateTimeFormatter.BASIC_ISO_DATE;
            int years = Period.between(LocalDate.parse(birthDate.strip(), da), LocalDate.parse(studyDate.strip(), da))
                    .getYears();
            return years < 0 ? null : years < 18 ? "0-17" : years < 40 ? "18-39" : years < 65 ? "40-64" : "65+";
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
