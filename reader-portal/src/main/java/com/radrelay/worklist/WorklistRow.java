package com.radrelay.worklist;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.ReadRequest;
import com.radrelay.workflow.StudyUid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A study on a radiologist's worklist: what they need to choose it, and no patient identity beyond age and sex.
 * {@code aiNotes} holds one line per AI model that read the study: its finding, or that it failed.
 */
public record WorklistRow(TenantId clinic, String clinicName, StudyUid study, List<String> modalities,
        List<String> bodyParts, @Nullable String description, @Nullable String patientAge, @Nullable String patientSex,
        int instances, Priority priority, @Nullable String clinicalQuestion, Instant receivedAt, Instant dueAt,
        @Nullable UUID claimedBy, @Nullable String claimedName, List<AiNote> aiNotes) {

    public boolean claimed() {
        return claimedBy != null;
    }

    /** This row with the clinical question of the clinic's request, if it made one. */
    WorklistRow askedWith(@Nullable ReadRequest request) {
        return request == null ? this : new WorklistRow(clinic, clinicName, study, modalities, bodyParts, description,
                patientAge, patientSex, instances, priority, request.clinicalQuestion(), receivedAt, dueAt, claimedBy,
                claimedName, aiNotes);
    }
}
