package com.radrelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;

/** A listener that fails on a study's announcement gets it again while the application runs (every second here). */
@IntegrationTest
@Import(FailedEventRetryTests.Listeners.class)
class FailedEventRetryTests {

    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;
    @Autowired FlakyNextStep nextStep;
    @Autowired JdbcTemplate jdbc;

    @TempDir Path dir;

    @Test
    void anAnnouncementWhoseListenerFailedIsDeliveredAgainWithoutARestart() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        Studies.Study cr = Studies.cr(dir, "Retry^Patient", "KE-4001", "20261101");
        try (InputStream in = Files.newInputStream(cr.files().getFirst())) {
            assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                    .isInstanceOf(StoreResult.Stored.class);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> nextStep.attempts(cr.studyUid()) >= 2);
        assertThat(nextStep.attempts(cr.studyUid())).as("first delivery failed, one retry").isEqualTo(2);
        // Only the first delivery throws: the retry completed its publication.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from event_publication where listener_id like '%FlakyNextStep%' "
                        + "and serialized_event like ? and completion_date is null",
                Integer.class, "%" + cr.studyUid() + "%")).as("no publication left incomplete").isZero());
    }

    @TestConfiguration
    static class Listeners {
        @Bean
        FlakyNextStep flakyNextStep() {
            return new FlakyNextStep();
        }
    }

    /** Stands for a later workflow step whose first attempt hits a passing fault. Read through methods: it is proxied. */
    static class FlakyNextStep {
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        public int attempts(String studyUid) {
            AtomicInteger n = attempts.get(studyUid);
            return n == null ? 0 : n.get();
        }

        @ApplicationModuleListener
        void on(StudyReceived event) {
            int attempt = attempts.computeIfAbsent(event.study().value(), k -> new AtomicInteger()).incrementAndGet();
            if (attempt == 1) {
                throw new IllegalStateException("passing fault on the first delivery");
            }
        }
    }
}
