package com.radrelay.onboarding;

import com.radrelay.security.Licence;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Everything an application says, as the administrator's queue shows it. */
public record ApplicationSummary(UUID id, ApplicantKind kind, ApplicationStatus status, String email,
        String fullName, @Nullable String phone, @Nullable String organisation, @Nullable String country,
        @Nullable String region, @Nullable String address, @Nullable Integer expectedStudiesPerMonth,
        @Nullable String regulatory, Set<String> modalities, Set<String> subspecialties, List<Licence> licences,
        @Nullable String documentName, @Nullable String documentType, @Nullable String question,
        @Nullable String answers, Instant createdAt, @Nullable Instant confirmedAt, @Nullable Instant decidedAt) {

    /** The name to show first: the clinic or company, else the person. */
    public String title() {
        return organisation != null ? organisation : fullName;
    }
}
