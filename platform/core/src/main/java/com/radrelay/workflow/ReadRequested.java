package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.time.Instant;

/** The clinic asked for a study to be read at a priority (and may have added a clinical question). */
public record ReadRequested(TenantId tenant, StudyUid study, Priority priority, Instant requestedAt)
        implements WorkflowEvent {
}
