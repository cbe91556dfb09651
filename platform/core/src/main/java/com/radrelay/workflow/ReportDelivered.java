package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/** A signed report reached the clinic: as a PDF, as a DICOM SR in its archive, and through its FHIR endpoint. */
public record ReportDelivered(TenantId tenant, StudyUid study, UUID report) implements WorkflowEvent {
}
