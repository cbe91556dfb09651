package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;
import java.util.Set;

/**
 * A study has been quiet for the configured period after receiving instances: version 1 when it first
 * arrives, a higher version each time more instances arrive after that. Published once per version.
 */
public record StudyReceived(TenantId tenant, StudyUid study, int version, int series, int instances,
        Set<String> modalities) implements WorkflowEvent {
}
