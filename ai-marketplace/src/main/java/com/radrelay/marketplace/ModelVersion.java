package com.radrelay.marketplace;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One uploaded version of a model as the catalogue and the review queue show it. */
public record ModelVersion(UUID id, UUID modelId, String model, String vendor, int version, Status status,
        String title, String intendedUse, List<String> modalities, List<String> bodyParts, BigDecimal price,
        String currency, String regulatoryStatus, String sha256, long bytes, String uploadedBy, Instant uploadedAt,
        @Nullable String decidedBy, @Nullable Instant decidedAt, @Nullable String decisionNote) {

    public enum Status {
        PENDING, APPROVED, REJECTED, WITHDRAWN
    }
}
