package com.radrelay.clinic;

import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.workflow.AiFindingReviewed;
import com.radrelay.workflow.AiResultReady;
import com.radrelay.workflow.ReadClaimed;
import com.radrelay.workflow.ReadReleased;
import com.radrelay.workflow.ReadRequested;
import com.radrelay.workflow.ReportDelivered;
import com.radrelay.workflow.ReportSigned;
import com.radrelay.workflow.StudyReceived;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.WorkflowEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * Each study's journey as its clinic sees it, written as the workflow events arrive; the clinic's pages read it
 * and hear of each new step through {@link StudyUpdates}.
 */
@Service
public class StudyTimeline {

    private final JdbcTemplate jdbc;
    private final TenantJdbcTransactions tx;
    private final StudyUpdates updates;

    StudyTimeline(JdbcTemplate jdbc, TenantJdbcTransactions tx, StudyUpdates updates) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.updates = updates;
    }

    @ApplicationModuleListener
    void on(WorkflowEvent event) {
        Step step = switch (event) {
            case StudyReceived r -> new Step(r.version() == 1 ? StudyStatus.RECEIVED : null, "received:" + r.version(),
                    (r.version() == 1 ? "Received " : "More received: now ") + r.instances() + " images in "
                            + r.series() + " series (" + String.join(", ", r.modalities()) + ")");
            case ReadRequested r -> new Step(null, "requested:" + r.requestedAt(),
                    "Read requested at " + r.priority().name().toLowerCase() + " priority");
            case ReadClaimed c -> new Step(StudyStatus.IN_READ, "claimed:" + c.claim(), "A radiologist is reading it");
            case ReadReleased r -> new Step(StudyStatus.AWAITING_READ, "released:" + r.claim(),
                    "Back in the worklist, awaiting a radiologist");
            case ReportSigned s -> new Step(StudyStatus.SIGNED, "signed:" + s.report(),
                    s.critical() ? "Report signed, with a critical finding" : "Report signed");
            case ReportDelivered d -> new Step(StudyStatus.DELIVERED, "delivered:" + d.report(),
                    "Report delivered: PDF, DICOM SR in the study, FHIR DiagnosticReport");
            case AiResultReady a -> new Step(null, "ai:" + a.model() + ":" + a.version(), a.failed()
                    ? "AI model " + a.model() + " " + a.version() + " failed: " + a.summary()
                    : "AI model " + a.model() + " " + a.version() + ": " + a.summary());
            case AiFindingReviewed r -> new Step(null, "ai-reviewed:" + r.model() + ":" + r.version(),
                    "The radiologist " + (r.agreed() ? "agreed" : "disagreed") + " with AI model " + r.model() + " "
                            + r.version());
        };
        int added = tx.execute(event.tenant(), () -> jdbc.update("""
                insert into clinic_study_timeline (tenant_id, study_uid, at, status, detail, event_key)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", event.tenant().value(), event.study().value(),
                Timestamp.from(Instant.now()), step.status() == null ? null : step.status().name(), step.detail(),
                step.key()));
        if (added > 0) {
            updates.publish(event.tenant(), event.study());
        }
    }

    private record Step(@Nullable StudyStatus status, String key, String detail) {
    }

    public List<TimelineEntry> of(TenantId clinic, StudyUid study) {
        return tx.execute(clinic, () -> jdbc.query(
                "select at, status, detail from clinic_study_timeline where study_uid = ? order by pk",
                (rs, i) -> new TimelineEntry(rs.getTimestamp(1).toInstant(),
                        rs.getString(2) == null ? null : StudyStatus.valueOf(rs.getString(2)), rs.getString(3)),
                study.value()));
    }

    /** The latest status of each study; a study no event has reached yet is missing (still arriving). */
    public Map<StudyUid, StudyStatus> statusOf(TenantId clinic, Collection<StudyUid> studies) {
        if (studies.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = tx.execute(clinic, () -> jdbc.query("""
                select distinct on (study_uid) study_uid, status from clinic_study_timeline
                where study_uid = any (?) and status is not null order by study_uid, pk desc""",
                (rs, i) -> new Object[] {new StudyUid(rs.getString(1)), StudyStatus.valueOf(rs.getString(2))},
                (Object) studies.stream().map(StudyUid::value).toArray(String[]::new)));
        return rows.stream().collect(Collectors.toMap(r -> (StudyUid) r[0], r -> (StudyStatus) r[1]));
    }
}
