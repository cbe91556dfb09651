package com.radrelay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Refused callers are counted, not written one row each: the audit's write rate does not follow theirs. */
@IntegrationTest
class DeniedAccessTests {

    @Autowired AuditLog audit;
    @Autowired TenantDirectory directory;

    @Test
    void repeatedRefusalsBecomeOneRowWithTheirCount() {
        Tenant clinic = Clinics.ruralClinic(directory);
        // An instance of its own, which no scheduled flush empties meanwhile.
        DeniedAccess denied = new DeniedAccess(audit);
        for (int i = 0; i < 500; i++) {
            denied.denied(clinic.id(), "anonymous", "API_AUTH", "clinic", clinic.slug(), "unknown token",
                    "198.51.100.7");
        }
        denied.flush();

        assertThat(audit.recent(clinic.id(), 10)).filteredOn(r -> r.event().action().equals("API_AUTH"))
                .singleElement().satisfies(r -> {
                    assertThat(r.event().outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
                    assertThat(r.event().detail()).isEqualTo("unknown token; address=198.51.100.7; attempts=500");
                });
    }

    @Test
    void pastTheRowLimitTheRestIsOneSummaryRow() {
        Tenant clinic = Clinics.ruralClinic(directory);
        DeniedAccess denied = new DeniedAccess(audit);
        int addresses = DeniedAccess.MAX_ROWS + 50;
        for (int i = 0; i < addresses; i++) {
            denied.denied(clinic.id(), "anonymous", "API_AUTH", "clinic", clinic.slug(), "unknown token",
                    "203.0." + (i / 250) + "." + (i % 250));
        }
        long before = audit.recent(null, 1).getFirst().seq();
        denied.flush();

        List<AuditRecord> written = audit.recent(null, addresses + 50).stream().filter(r -> r.seq() > before
                && (clinic.id().equals(r.event().tenant()) || r.event().action().equals("DENIED_ACCESS_SUMMARY")))
                .toList();
        assertThat(written).hasSize(DeniedAccess.MAX_ROWS + 1);
        assertThat(written.getFirst().event().action()).isEqualTo("DENIED_ACCESS_SUMMARY");
        assertThat(written.getFirst().event().detail()).isEqualTo(
                "50 more refused attempts of 50 other callers, reasons or addresses");
    }
}
