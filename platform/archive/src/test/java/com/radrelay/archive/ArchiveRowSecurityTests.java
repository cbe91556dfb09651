package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.dicom.DicomNetwork;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.DicomClinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The archive's clinic tables that the platform also reads across clinics (AE titles to route associations, the
 * stability of studies to announce them) are under row-level security like the rest: the cross-clinic reads go
 * through functions, a clinic's transaction sees its own rows only.
 */
@IntegrationTest
class ArchiveRowSecurityTests {

    @Autowired StudyArchive archive;
    @Autowired DicomNetwork network;
    @Autowired TenantDirectory directory;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    @TempDir Path dir;

    @Test
    void aClinicSeesOnlyItsOwnAeTitlesWhileAssociationsStillFindEveryClinic() {
        Tenant a = DicomClinics.clinicWithDicom(directory, network);
        Tenant b = DicomClinics.clinicWithDicom(directory, network);
        List<String> seenByA = seenBy(a, "select ae_title from dicom_ae_titles where ae_title in (?, ?)", String.class,
                DicomClinics.aeTitle(a), DicomClinics.aeTitle(b));
        assertThat(seenByA).containsExactly(DicomClinics.aeTitle(a));
        assertThat(countWithoutAClinic("dicom_ae_titles")).isZero();
        assertThat(network.clinicOf(DicomClinics.aeTitle(b))).contains(b.id());
        assertThat(network.clinicOf("NOSUCHTITLE")).isEmpty();
    }

    @Test
    void aClinicSeesOnlyItsOwnStudiesStability() throws Exception {
        Tenant a = DicomClinics.clinicWithDicom(directory, network);
        Tenant b = DicomClinics.clinicWithDicom(directory, network);
        store(a, Studies.ct(dir.resolve("a"), "Stable^A", "KE-5001", 1, 8, 8).files().getFirst());
        store(b, Studies.ct(dir.resolve("b"), "Stable^B", "KE-5002", 1, 8, 8).files().getFirst());
        List<UUID> seenByA = seenBy(a, "select tenant_id from study_stability where tenant_id in (?, ?)", UUID.class,
                a.id().value(), b.id().value());
        assertThat(seenByA).containsExactly(a.id().value());
        assertThat(countWithoutAClinic("study_stability")).isZero();
    }

    private <T> List<T> seenBy(Tenant clinic, String sql, Class<T> type, Object... args) {
        return CurrentTenant.call(clinic.id(), () -> tx.execute(s -> jdbc.queryForList(sql, type, args)));
    }

    private long countWithoutAClinic(String table) {
        Long count = tx.execute(s -> jdbc.queryForObject("select count(*) from " + table, Long.class));
        return count == null ? -1 : count;
    }

    private void store(Tenant clinic, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                    .isInstanceOf(StoreResult.Stored.class);
        }
    }
}
