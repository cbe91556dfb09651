package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/** A radiologist signed a report of a study; the signed version never changes afterwards. */
public record ReportSigned(TenantId tenant, StudyUid study, UUID report, UUID reader, boolean critical)
        implements WorkflowEvent {
}
