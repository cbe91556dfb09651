package com.radrelay.reporting;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A report of a study, a draft or signed; a signed one carries the digest of what was signed. An addendum amends
 * an earlier signed report of the same study.
 */
public record Report(UUID id, TenantId clinic, StudyUid study, UUID authorId,
        String authorName, String template, String findings, String impression, List<ReportField> fields,
        boolean critical, boolean signed, @Nullable Instant signedAt, @Nullable String contentSha256,
        @Nullable UUID amends) {

    public boolean addendum() {
        return amends != null;
    }
}
