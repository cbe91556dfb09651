package com.radrelay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;

/** A radiologist's licence to report in one region (ISO 3166-2 code such as "KE-30"), valid until a date. */
@Embeddable
public record Licence(@Column(nullable = false) String region,
        @Column(name = "licence_number", nullable = false) String number,
        @Column(name = "valid_until", nullable = false) LocalDate validUntil) {

    public boolean validOn(LocalDate day) {
        return !day.isAfter(validUntil);
    }
}
