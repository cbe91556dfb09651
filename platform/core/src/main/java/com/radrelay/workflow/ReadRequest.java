package com.radrelay.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the clinic asks of the reading of one study: its priority ({@code reason} says why, required for STAT), the
 * clinical question the radiologist should answer, and the subspecialty it should be read in, if any.
 */
public record ReadRequest(StudyUid study, Priority priority, @Nullable String reason,
        @Nullable String clinicalQuestion, @Nullable String subspecialty, String requestedBy, Instant requestedAt) {
}
