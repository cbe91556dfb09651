package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A study is announced once it has been quiet for the configured period (2 s in tests), through the persisted
 * event publication registry, once per version.
 */
@IntegrationTest
class StudyReceivedTests {

    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;
    @Autowired JdbcTemplate jdbc;

    @TempDir Path dir;

    @Test
    void aStudyIsAnnouncedOnceAfterItGoesQuietAndAgainWhenMoreArrives() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        Studies.Study ct = Studies.ct(dir, "Quiet^Study", "KE-3001", 3, 16, 16);
        for (Path f : ct.files().subList(0, 2)) {
            store(clinic, f);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> completed(ct.studyUid()).size() == 1);
        assertThat(completed(ct.studyUid()).getFirst()).contains("\"version\":1", "\"instances\":2");

        Thread.sleep(3000);
        assertThat(published(ct.studyUid())).as("a quiet study is not announced again").isEqualTo(1);

        store(clinic, ct.files().get(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> completed(ct.studyUid()).size() == 2);
        assertThat(completed(ct.studyUid())).anySatisfy(e -> assertThat(e).contains("\"version\":2", "\"instances\":3"));
    }

    private void store(Tenant clinic, Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            StoreResult r = archive.store(new StoreRequest.File(clinic.id(), in, "test", null));
            assertThat(r).isInstanceOf(StoreResult.Stored.class);
        }
    }

    private List<String> completed(String studyUid) {
        return jdbc.queryForList("select serialized_event from event_publication where event_type like '%StudyReceived' "
                + "and serialized_event like ? and completion_date is not null", String.class, "%" + studyUid + "%");
    }

    private int published(String studyUid) {
        return jdbc.queryForObject("select count(*) from event_publication where event_type like '%StudyReceived' "
                + "and serialized_event like ?", Integer.class, "%" + studyUid + "%");
    }
}
