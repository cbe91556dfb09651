package com.radrelay.worklist;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.security.Licence;
import com.radrelay.security.ReaderPreference;
import com.radrelay.security.ReaderPreferences;
import com.radrelay.security.Role;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.ClinicProfile;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.AiResultReady;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.StudyUid;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Who sees which study, in which order, and how claims keep two radiologists from reading the same one. */
@IntegrationTest
class WorklistTests {

    @Autowired TenantDirectory directory;
    @Autowired UserAccounts accounts;
    @Autowired StudyArchive archive;
    @Autowired ReadRequests requests;
    @Autowired Worklist worklist;
    @Autowired ReadLeases leases;
    @Autowired ReaderPreferences preferences;
    @TempDir Path dir;

    Tenant clinic;
    StudyUid ct;
    StudyUid cr;

    @BeforeEach
    void aKenyanClinicWithACtAndAChestXray() throws Exception {
        clinic = Clinics.ruralClinic(directory);
        ct = store(Studies.ct(dir.resolve("ct"), "WL^CT", "W1", 2, 32, 32));
        cr = store(Studies.cr(dir.resolve("cr"), "WL^CR", "W2", "20261201"));
        SignedInUser anyone = reader(List.of(licence("KE-30", "KE-1")), "CT", "CR");
        waitFor(() -> worklist.rowsFor(anyone).stream().filter(r -> r.clinic().equals(clinic.id())).count() == 2);
    }

    @Test
    void aReaderLicensedForTheRegionAndModalitySeesTheStudyWithoutTheName() {
        SignedInUser kimani = reader(List.of(licence("KE-30", "KE-2")), "CR");

        assertThat(rowsOfClinic(kimani)).singleElement().satisfies(r -> {
            assertThat(r.study()).isEqualTo(cr);
            assertThat(r.patientAge()).isEqualTo("56 y");
            assertThat(r.patientSex()).isEqualTo("F");
            assertThat(r.toString()).doesNotContain("WL^CR", "W2");
        });
    }

    @Test
    void anotherRegionOrAnExpiredLicenceSeesNothing() {
        SignedInUser montana = reader(List.of(licence("US-MT", "MT-1")), "CT", "CR");
        SignedInUser expired = reader(List.of(new Licence("KMPDC", "KE-30", "KE-3",
                LocalDate.now().minusDays(1))), "CT", "CR");

        assertThat(rowsOfClinic(montana)).isEmpty();
        assertThat(rowsOfClinic(expired)).isEmpty();
        assertThat(worklist.claim(expired, clinic.id(), ct)).isInstanceOf(ClaimResult.NotOffered.class);
    }

    @Test
    void statComesFirstAndCarriesTheClinicalQuestion() throws Exception {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-4")), "CT", "CR");
        assertThat(rowsOfClinic(reader)).extracting(WorklistRow::priority).containsOnly(Priority.ROUTINE);

        requests.request(clinic.id(), ct, Priority.STAT, "head trauma", "Intracranial bleed?", "nurse");

        waitFor(() -> rowsOfClinic(reader).getFirst().priority() == Priority.STAT);
        assertThat(rowsOfClinic(reader).getFirst()).satisfies(r -> {
            assertThat(r.study()).isEqualTo(ct);
            assertThat(r.priority()).isEqualTo(Priority.STAT);
            assertThat(r.clinicalQuestion()).isEqualTo("Intracranial bleed?");
            assertThat(Duration.between(r.receivedAt(), r.dueAt())).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void twoReadersNeverHoldTheSameStudy() {
        SignedInUser first = reader(List.of(licence("KE-30", "KE-5")), "CT");
        SignedInUser second = reader(List.of(licence("KE-30", "KE-6")), "CT");

        ClaimResult mine = worklist.claim(first, clinic.id(), ct);
        ClaimResult theirs = worklist.claim(second, clinic.id(), ct);

        assertThat(mine).isInstanceOf(ClaimResult.Claimed.class);
        assertThat(theirs).isInstanceOfSatisfying(ClaimResult.HeldByAnother.class,
                h -> assertThat(h.by()).isEqualTo(first.displayName()));
        assertThat(rowsOfClinic(second)).extracting(WorklistRow::study).doesNotContain(ct);
    }

    @Test
    void aClaimWhoseLeaseExpiredCannotCompleteOnceAnotherReaderTookTheStudy() {
        SignedInUser first = reader(List.of(licence("KE-30", "KE-7")), "CT");
        SignedInUser second = reader(List.of(licence("KE-30", "KE-8")), "CT");
        Claim slow = ((ClaimResult.Claimed) worklist.claim(first, clinic.id(), ct)).claim();

        leases.breakLease(clinic.id(), ct); // the lease expired while the first reader was still writing
        ClaimResult.Claimed taken = (ClaimResult.Claimed) worklist.claim(second, clinic.id(), ct);

        assertThat(worklist.renew(slow)).isFalse();
        assertThat(worklist.complete(slow)).isFalse();
        assertThat(worklist.complete(taken.claim())).isTrue();
        assertThat(rowsOfClinic(first)).extracting(WorklistRow::study).doesNotContain(ct);
    }

    @Test
    void anAdministratorSeesReadsInProgressAndTakesOneBack() {
        SignedInUser first = reader(List.of(licence("KE-30", "KE-11")), "CT");
        Claim claim = ((ClaimResult.Claimed) worklist.claim(first, clinic.id(), ct)).claim();
        assertThat(worklist.inRead()).filteredOn(r -> r.study().equals(ct)).singleElement()
                .satisfies(r -> assertThat(r.claimedName()).isEqualTo(first.displayName()));

        worklist.takeBack(clinic.id(), ct, "admin");

        assertThat(worklist.inRead()).noneMatch(r -> r.study().equals(ct));
        assertThat(worklist.holds(claim)).isFalse();
        assertThat(rowsOfClinic(first)).extracting(WorklistRow::study).contains(ct);
    }

    @Test
    void aReleasedStudyIsOfferedAgain() {
        SignedInUser first = reader(List.of(licence("KE-30", "KE-9")), "CT");
        SignedInUser second = reader(List.of(licence("KE-30", "KE-10")), "CT");
        Claim claim = ((ClaimResult.Claimed) worklist.claim(first, clinic.id(), ct)).claim();

        worklist.release(claim);

        assertThat(worklist.claim(second, clinic.id(), ct)).isInstanceOf(ClaimResult.Claimed.class);
    }

    @Test
    void anAiTriageRaisesThePriorityAndNeverLowersIt() {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-40")), "CT");
        assertThat(worklist.raise(new AiResultReady(clinic.id(), ct, "head-ct", "1", false, Priority.URGENT,
                "hyperdense"))).isTrue();
        assertThat(rowsOfClinic(reader)).singleElement().extracting(WorklistRow::priority)
                .isEqualTo(Priority.URGENT);

        assertThat(worklist.raise(new AiResultReady(clinic.id(), ct, "other-model", "2", false, Priority.ROUTINE,
                "nothing"))).isFalse();
        assertThat(worklist.raise(new AiResultReady(clinic.id(), ct, "broken-model", "1", true, null, "timeout")))
                .isFalse();
        assertThat(rowsOfClinic(reader)).singleElement().extracting(WorklistRow::priority)
                .as("a less urgent or failed result changes nothing").isEqualTo(Priority.URGENT);
    }

    @Test
    void eachModelsLatestWordIsOneNoteOnTheRow() {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-41")), "CT");
        worklist.note(new AiResultReady(clinic.id(), ct, "head-ct", "1", true, null, "timeout"));
        worklist.note(new AiResultReady(clinic.id(), ct, "head-ct", "1", false, Priority.URGENT, "hyperdense"));
        worklist.note(new AiResultReady(clinic.id(), ct, "head-ct-v2", "3", false, null, "no finding"));
        assertThat(rowsOfClinic(reader)).singleElement().extracting(WorklistRow::aiNotes).asInstanceOf(LIST)
                .containsExactly(new AiNote("head-ct", "1", false, "hyperdense"),
                        new AiNote("head-ct-v2", "3", false, "no finding"));
        assertThatThrownBy(() -> worklist.note(new AiResultReady(clinic.id(), new StudyUid("1.2.3.4"), "head-ct",
                "1", false, null, "early"))).as("a study not yet on the worklist: retried later")
                .isInstanceOf(IllegalStateException.class);
    }

    private List<WorklistRow> rowsOfClinic(SignedInUser reader) {
        return worklist.rowsFor(reader).stream().filter(r -> r.clinic().equals(clinic.id())).toList();
    }

    @Test
    void aRevokedLicenceHidesTheRegionAtOnce() {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-12")), "CT", "CR");
        assertThat(rowsOfClinic(reader)).hasSize(2);

        accounts.revokeLicence(reader.id(), "KE-12", LocalDate.now(), "suspended by the council");

        assertThat(rowsOfClinic(reader)).isEmpty();
        assertThat(worklist.claim(reader, clinic.id(), ct)).isInstanceOf(ClaimResult.NotOffered.class);
    }

    @Test
    void anExcludedReaderSeesNothingOfTheClinicAndAPreferredOneSeesItFirst() throws Exception {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-13")), "CT", "CR");
        Tenant later = Clinics.ruralClinic(directory);
        StudyUid laterCt = store(later, Studies.ct(dir.resolve("later"), "WL^LATER", "W3", 2, 32, 32));
        waitFor(() -> worklist.rowsFor(reader).stream().anyMatch(r -> r.study().equals(laterCt)));
        assertThat(position(reader, laterCt)).isGreaterThan(position(reader, ct));

        preferences.set(later.id(), reader.id(), ReaderPreference.PREFERRED, "manager");
        assertThat(position(reader, laterCt)).as("preferred: first among equal priority")
                .isLessThan(position(reader, ct));

        preferences.set(clinic.id(), reader.id(), ReaderPreference.EXCLUDED, "manager");
        assertThat(rowsOfClinic(reader)).isEmpty();
        assertThat(worklist.claim(reader, clinic.id(), ct)).isInstanceOf(ClaimResult.NotOffered.class);

        preferences.set(clinic.id(), reader.id(), null, "manager");
        assertThat(rowsOfClinic(reader)).hasSize(2);
    }

    @Test
    void aStudyTheClinicWantsReadByASubspecialistIsOfferedOnlyToOne() throws Exception {
        SignedInUser general = reader(List.of(licence("KE-30", "KE-15")), "CT", "CR");
        SignedInUser neuro = reader(List.of(licence("KE-30", "KE-16")), Set.of("neuro"), "CT", "CR");

        requests.request(clinic.id(), ct, Priority.ROUTINE, null, "Small vessel disease?", "neuro", "nurse");

        assertThat(rowsOfClinic(general)).extracting(WorklistRow::study).containsExactly(cr);
        assertThat(worklist.claim(general, clinic.id(), ct)).isInstanceOf(ClaimResult.NotOffered.class);
        assertThat(rowsOfClinic(neuro)).extracting(WorklistRow::study).containsExactlyInAnyOrder(ct, cr);
        assertThatThrownBy(() -> requests.request(clinic.id(), ct, Priority.ROUTINE, null, null, "astrology",
                "nurse")).hasMessage("Choose a subspecialty from the list");
    }

    @Test
    void aClinicsDefaultPriorityAppliesToStudiesWithoutARequest() throws Exception {
        SignedInUser reader = reader(List.of(licence("KE-30", "KE-14")), "CT");
        Tenant urgent = Clinics.ruralClinic(directory);
        directory.updateProfile(urgent.id(), new ClinicProfile(urgent.name(), null, null, null, null, "URGENT",
                List.of("sw")));
        StudyUid study = store(urgent, Studies.ct(dir.resolve("urgent"), "WL^URGENT", "W4", 2, 32, 32));

        waitFor(() -> worklist.rowsFor(reader).stream().anyMatch(r -> r.study().equals(study)));
        assertThat(worklist.rowsFor(reader)).filteredOn(r -> r.study().equals(study)).singleElement()
                .satisfies(r -> assertThat(r.priority()).isEqualTo(Priority.URGENT));
    }

    private int position(SignedInUser reader, StudyUid study) {
        List<WorklistRow> rows = worklist.rowsFor(reader);
        return rows.indexOf(rows.stream().filter(r -> r.study().equals(study)).findFirst().orElseThrow());
    }

    private static Licence licence(String region, String number) {
        return new Licence(region.startsWith("KE") ? "KMPDC" : "Montana BME", region, number,
                LocalDate.now().plusYears(1));
    }

    private SignedInUser reader(List<Licence> licences, String... modalities) {
        return reader(licences, Set.of(), modalities);
    }

    private SignedInUser reader(List<Licence> licences, Set<String> subspecialties, String... modalities) {
        String name = "dr" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var user = accounts.create(name, "Dr " + name, "a long password 1", Role.RADIOLOGIST, null);
        accounts.registerRadiologist(user.id(), licences, Set.of(modalities), subspecialties);
        return accounts.loadUserByUsername(name);
    }

    private StudyUid store(Studies.Study study) throws Exception {
        return store(clinic, study);
    }

    private StudyUid store(Tenant into, Studies.Study study) throws Exception {
        for (Path f : study.files()) {
            try (InputStream in = Files.newInputStream(f)) {
                assertThat(archive.store(new StoreRequest.File(into.id(), in, "test", null)))
                        .isInstanceOf(StoreResult.Stored.class);
            }
        }
        return new StudyUid(study.studyUid());
    }
}
