package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/** A radiologist claimed a study for reading ({@code claim} counts the claims of this study). */
public record ReadClaimed(TenantId tenant, StudyUid study, UUID reader, long claim) implements WorkflowEvent {
}
