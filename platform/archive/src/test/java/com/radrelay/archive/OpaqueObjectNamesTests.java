package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** A listing of the object store reveals no identifier: instances are named by random ids, not by their UIDs. */
@IntegrationTest
class OpaqueObjectNamesTests {

    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;

    @TempDir Path dir;

    @Test
    void storedInstancesAreNamedByRandomIdsAndStillRead() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        Studies.Study ct = Studies.ct(dir, "Opaque^Names", "KE-OPQ", 2, 8, 8);
        for (Path f : ct.files()) {
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                        .isInstanceOf(StoreResult.Stored.class);
            }
        }
        // The tests' store is the file provider in target/test-objects (application-test.yml).
        List<String> names;
        try (Stream<Path> files = Files.walk(Path.of("target/test-objects/tenants", clinic.id().toString()))) {
            names = files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
        assertThat(names).hasSize(2).allSatisfy(name -> {
            assertThat(name).matches(".*/instances/[0-9a-f-]{36}\\.dcm");
            assertThat(name).doesNotContain(ct.studyUid(), ct.seriesUid());
        });
        assertThat(archive.instances(clinic.id(), new com.radrelay.workflow.StudyUid(ct.studyUid()), null, null))
                .hasSize(2);
    }
}
