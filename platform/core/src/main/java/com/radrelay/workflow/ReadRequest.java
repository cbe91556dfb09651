package com.radrelay.workflow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the clinic asks of the reading of one study: its priority ({@code reason} says why, required for STAT) and
 * the clinical question the radiologist should answer.
 */
public record ReadRequest(StudyUid study, Priority priority, @Nullable String reason,
        @Nullable String clinicalQuestion, String requestedBy, Instant requestedAt) {
}
