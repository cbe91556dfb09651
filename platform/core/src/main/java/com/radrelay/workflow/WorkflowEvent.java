package com.radrelay.workflow;

import com.radrelay.tenancy.TenantId;

/** A finished step of a study's journey. Events carry ids and counts, never PHI. */
public sealed interface WorkflowEvent permits StudyReceived, ReadRequested, ReadClaimed, ReadReleased,
        ReportSigned, ReportDelivered, AiResultReady, AiFindingReviewed {

    TenantId tenant();

    StudyUid study();
}
