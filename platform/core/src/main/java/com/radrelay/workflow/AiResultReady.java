package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * An AI model finished with a study: its findings are stored (as rows and as a DICOM SR in the study), or it failed
 * for good and the study goes on without it. {@code triage} is the priority the model asks for, if any.
 */
public record AiResultReady(TenantId tenant, StudyUid study, String model, String version, boolean failed,
        @Nullable Priority triage, String summary) implements WorkflowEvent {
}
