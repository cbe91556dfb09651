package com.radrelay.clinic;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.mail.CapturedMail;
import com.radrelay.mail.EmbeddedMailbox;
import com.radrelay.security.EmailAddress;
import com.radrelay.security.Role;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.tenancy.TenantTransactions;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.ReportSigned;
import com.radrelay.workflow.StudyUid;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/** A clinic's study list, requests and timeline, fed by the archive and the workflow events. */
@IntegrationTest
class StudyJourneyTests {

    @Autowired TenantDirectory directory;
    @Autowired StudyArchive archive;
    @Autowired StudyTimeline timeline;
    @Autowired StudyUpdates updates;
    @Autowired ReadRequests requests;
    @Autowired CriticalFindings critical;
    @Autowired UserAccounts accounts;
    @Autowired EmbeddedMailbox mailbox;
    @Autowired ApplicationEventPublisher events;
    @Autowired TenantTransactions jpaTx;
    @Autowired TenantJdbcTransactions jdbcTx;
    @Autowired JdbcTemplate jdbc;
    @TempDir Path dir;

    Tenant clinic;
    Tenant other;
    StudyUid study;

    @BeforeEach
    void aClinicWithAStudy() throws Exception {
        clinic = Clinics.ruralClinic(directory);
        other = Clinics.ruralClinic(directory);
        Studies.Study ct = Studies.ct(dir, "JOURNEY^ANNA", "J1", 3, 32, 32);
        for (Path f : ct.files()) {
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                        .isInstanceOf(StoreResult.Stored.class);
            }
        }
        study = new StudyUid(ct.studyUid());
    }

    @Test
    void theStudyIsListedForItsClinicOnlyAndFoundByName() {
        assertThat(archive.studies(clinic.id(), new StudyFilter("journey", null, null, null), 0, 10))
                .singleElement().satisfies(s -> {
                    assertThat(s.patientNameForPeople()).isEqualTo("JOURNEY, ANNA");
                    assertThat(s.instances()).isEqualTo(3);
                    assertThat(s.modalities()).containsExactly("CT");
                });
        assertThat(archive.studies(clinic.id(), new StudyFilter(null, "MR", null, null), 0, 10)).isEmpty();
        assertThat(archive.studies(clinic.id(), new StudyFilter(null, null, LocalDate.of(2026, 11, 21), null), 0, 10))
                .as("the study is of 2026-11-20").isEmpty();
        assertThat(archive.studies(other.id(), StudyFilter.all(), 0, 10)).isEmpty();
        assertThat(archive.study(other.id(), study)).isEmpty();
    }

    @Test
    void theTimelineFollowsTheEventsAndOpenPagesHearOfIt() throws Exception {
        List<StudyUid> heard = new CopyOnWriteArrayList<>();
        Runnable stop = updates.subscribe(clinic.id(), (c, s) -> heard.add(s));
        List<StudyUid> heardByOther = new CopyOnWriteArrayList<>();
        Runnable stopOther = updates.subscribe(other.id(), (c, s) -> heardByOther.add(s));
        try {
            waitFor(() -> timeline.statusOf(clinic.id(), List.of(study)).equals(Map.of(study, StudyStatus.RECEIVED)));
            assertThat(timeline.of(clinic.id(), study)).singleElement()
                    .satisfies(e -> assertThat(e.detail()).isEqualTo("Received 3 images in 1 series (CT)"));

            requests.request(clinic.id(), study, Priority.STAT, "suspected bleed", "Haemorrhage?", "tester");
            waitFor(() -> timeline.of(clinic.id(), study).size() == 2);
            assertThat(timeline.of(clinic.id(), study).getLast().detail()).isEqualTo("Read requested at stat priority");
            assertThat(heard).contains(study);
            assertThat(heardByOther).isEmpty();
            assertThat(timeline.of(other.id(), study)).isEmpty();
        } finally {
            stop.run();
            stopOther.run();
        }
    }

    @Test
    void aStatRequestNeedsAReasonAndIsKeptForTheClinicOnly() {
        assertThatThrownBy(() -> requests.request(clinic.id(), study, Priority.STAT, " ", null, "tester"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a reason");

        requests.request(clinic.id(), study, Priority.URGENT, null, "Fracture of the left wrist?", "tester");

        assertThat(requests.of(clinic.id(), study)).hasValueSatisfying(r -> {
            assertThat(r.priority()).isEqualTo(Priority.URGENT);
            assertThat(r.clinicalQuestion()).isEqualTo("Fracture of the left wrist?");
        });
        assertThat(requests.of(other.id(), study)).isEmpty();
        assertThat(requests.of(other.id(), List.of(study))).isEmpty();
    }

    @Test
    void aCriticalFindingIsMailedStaysOpenUntilAcknowledgedAndIsEscalatedWhenLeft() throws Exception {
        String manager = person(Role.CLINIC_MANAGER);
        String nurse = person(Role.CLINIC_UPLOADER);
        UUID report = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        jpaTx.execute(clinic.id(), () -> {
            events.publishEvent(new ReportSigned(clinic.id(), study, report, UUID.randomUUID(), true));
            events.publishEvent(new ReportSigned(clinic.id(), study, other, UUID.randomUUID(), true));
            return null;
        });
        waitFor(() -> critical.open(clinic.id()).size() == 2);
        assertThat(critical.open(this.other.id())).isEmpty();
        waitFor(() -> subjects(nurse).size() == 2);
        assertThat(subjects(manager)).containsExactly("Critical finding at " + clinic.name(),
                "Critical finding at " + clinic.name());
        assertThat(mailbox.to(nurse).getFirst().body()).as("no patient in mail").doesNotContain("JOURNEY", "ANNA");

        assertThat(critical.acknowledge(clinic.id(), report, "nurse")).isTrue();
        assertThat(critical.acknowledge(clinic.id(), report, "nurse")).as("once is enough").isFalse();
        assertThat(critical.acknowledge(this.other.id(), other, "stranger")).as("another clinic's").isFalse();

        jdbcTx.execute(clinic.id(), () -> jdbc.update(
                "update clinic_critical_findings set raised_at = now() - interval '1 hour' where report_id = ?", other));
        critical.escalateOverdue();
        assertThat(critical.open(clinic.id())).singleElement().satisfies(f -> {
            assertThat(f.report()).isEqualTo(other);
            assertThat(f.escalatedAt()).isNotNull();
        });
        assertThat(subjects(manager)).contains("Unacknowledged critical finding at " + clinic.name());
        assertThat(subjects(nurse)).as("escalation goes to managers").hasSize(2);
        assertThat(critical.of(clinic.id(), study)).filteredOn(f -> f.report().equals(report)).singleElement()
                .satisfies(f -> assertThat(f.acknowledgedBy()).isEqualTo("nurse"));
    }

    private String person(Role role) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        accounts.create(new EmailAddress(email), "Person " + email, accounts.hashPassword("a-long-password-1"), role,
                clinic.id());
        return email;
    }

    private List<String> subjects(String to) {
        return mailbox.to(to).stream().map(CapturedMail::subject).toList();
    }
}
