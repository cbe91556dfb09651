package com.radrelay.clinic;

import com.radrelay.workflow.StudyUid;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A critical finding of a signed report, until the clinic acknowledges it. */
public record CriticalFinding(UUID report, StudyUid study, Instant raisedAt, @Nullable String acknowledgedBy,
        @Nullable Instant acknowledgedAt, @Nullable Instant escalatedAt) {

    public boolean open() {
        return acknowledgedAt == null;
    }
}
