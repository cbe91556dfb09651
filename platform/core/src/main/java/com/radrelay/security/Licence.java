package com.radrelay.security;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A radiologist's licence to report in one region (ISO 3166-2 code such as "KE-30"), issued by an authority, valid
 * until a date unless revoked earlier.
 */
@Embeddable
public record Licence(@Column(name = "issuing_authority", nullable = false) String issuingAuthority,
        @Column(nullable = false) String region,
        @Column(name = "licence_number", nullable = false) String number,
        @Column(name = "valid_until", nullable = false) LocalDate validUntil,
        @Column(name = "revoked_on") @Nullable LocalDate revokedOn) {

    public Licence(String issuingAuthority, String region, String number, LocalDate validUntil) {
        this(issuingAuthority, region, number, validUntil, null);
    }

    public boolean validOn(LocalDate day) {
        return !day.isAfter(validUntil) && (revokedOn == null || day.isBefore(revokedOn));
    }

    Licence revokedFrom(LocalDate day) {
        return new Licence(issuingAuthority, region, number, validUntil, day);
    }
}
