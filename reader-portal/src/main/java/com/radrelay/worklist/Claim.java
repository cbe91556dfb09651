package com.radrelay.worklist;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.util.UUID;

/**
 * A radiologist's hold on one study: a lease in Redis (renewed while the reading page is open) and, in the
 * worklist row, the reader and the claim's number, which every later write of the reading must still match.
 */
public record Claim(TenantId clinic, StudyUid study, UUID reader, long version, String leaseToken) {
}
