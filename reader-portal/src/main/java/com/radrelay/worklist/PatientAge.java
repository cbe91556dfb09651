package com.radrelay.worklist;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** The patient's age on the day of the study, as the worklist shows it (years; months for infants). */
final class PatientAge {

    private PatientAge() {
    }

    static @Nullable String of(@Nullable String birthDate, @Nullable String studyDate) {
        try {
            if (birthDate == null || studyDate == null) {
                return null;
            }
            Period age = Period.between(LocalDate.parse(birthDate, DateTimeFormatter.BASIC_ISO_DATE),
                    LocalDate.parse(studyDate, DateTimeFormatter.BASIC_ISO_DATE));
            if (age.isNegative()) {
                return null;
            }
            return age.getYears() >= 2 ? age.getYears() + " y" : age.toTotalMonths() + " mo";
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
