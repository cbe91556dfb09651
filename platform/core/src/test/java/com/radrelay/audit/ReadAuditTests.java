package com.radrelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.ReadAudits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reads are written as one row per actor, door and study, and no read is lost to a write happening meanwhile. */
@IntegrationTest
class ReadAuditTests {

    @Autowired ReadAudit reads;
    @Autowired AuditLog audit;
    @Autowired TenantDirectory directory;

    @Test
    void readsCountedWhileTheyAreWrittenAreNeitherLostNorCountedTwice() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        int threads = 6;
        int each = 2000;
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads + 1)) {
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        reads.transferred(clinic.id(), "token:t", "WADO-RS", "1.2.3", 2);
                    }
                }));
            }
            done.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    reads.flush();
                }
            }));
            for (Future<?> f : done) {
                f.get();
            }
        }
        reads.flush();

        List<AuditRecord> rows = audit.recent(clinic.id(), 100).stream()
                .filter(r -> r.event().action().equals("BEGIN_TRANSFERRING_DICOM_INSTANCES")).toList();
        assertThat(ReadAudits.totals(audit, clinic.id())).containsExactly(
                Map.entry("BEGIN_TRANSFERRING_DICOM_INSTANCES token:t 1.2.3", threads * each + "/" + 2 * threads * each));
        // One row per flush at most (the loop's, the scheduled ones meanwhile and the last), not one per read.
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(40);
    }
}
