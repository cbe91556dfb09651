package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.UUID;

/**
 * A radiologist who signed a study's report said whether they agree with an AI model's result for it: the
 * real-world measure of that model version, kept per clinic and compared across patients and devices.
 */
public record AiFindingReviewed(TenantId tenant, StudyUid study, String model, String version, boolean agreed,
        UUID reader) implements WorkflowEvent {
}
