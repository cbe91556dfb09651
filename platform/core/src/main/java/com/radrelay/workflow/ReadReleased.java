package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/** A claimed study went back to the worklist unread: its reader let go, or an administrator took it back. */
public record ReadReleased(TenantId tenant, StudyUid study, UUID reader, long claim) implements WorkflowEvent {
}
