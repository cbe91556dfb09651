package com.radrelay.audit;

import com.radrelay.workflow.AiFindingReviewed;
import com.radrelay.workflow.AiResultReady;
import com.radrelay.workflow.ReadClaimed;
import com.radrelay.workflow.ReadReleased;
import com.radrelay.workflow.ReadRequested;
import com.radrelay.workflow.ReportDelivered;
import com.radrelay.workflow.ReportSigned;
import com.radrelay.workflow.StudyReceived;
import com.radrelay.workflow.WorkflowEvent;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Records each step of a study's journey in the audit log as the workflow events arrive. */
@Component
class WorkflowAudit {

    private final AuditLog audit;

    WorkflowAudit(AuditLog audit) {
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(WorkflowEvent event) {
        String detail = switch (event) {
            case StudyReceived r -> "version=" + r.version() + " series=" + r.series() + " instances=" + r.instances()
                    + " modalities=" + String.join(",", r.modalities());
            case ReadRequested r -> "priority=" + r.priority();
            case ReadClaimed c -> "reader=" + c.reader() + " claim=" + c.claim();
            case ReadReleased r -> "reader=" + r.reader() + " claim=" + r.claim();
            case ReportSigned s -> "report=" + s.report() + " reader=" + s.reader() + " critical=" + s.critical();
            case ReportDelivered d -> "report=" + d.report();
            case AiResultReady a -> "model=" + a.model() + " version=" + a.version() + " failed=" + a.failed()
                    + " triage=" + a.triage();
            case AiFindingReviewed r -> "model=" + r.model() + " version=" + r.version() + " agreed=" + r.agreed()
                    + " reader=" + r.reader();
        };
        audit.record(new AuditEvent(event.tenant(), "system", event.getClass().getSimpleName(), "study",
                event.study().value(), AuditEvent.Outcome.SUCCESS, detail));
    }
}
