package com.radrelay.reporting;

import static com.radrelay.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ca.uhn.fhir.context.FhirContext;
import com.radrelay.archive.ReportObjects;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.security.ApiTokens;
import com.radrelay.security.Licence;
import com.radrelay.security.Role;
import com.radrelay.security.SecondFactors;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.tenancy.TenantJdbcTransactions;
import com.radrelay.testing.Authenticator;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import com.radrelay.workflow.StudyUid;
import com.radrelay.worklist.Claim;
import com.radrelay.worklist.ClaimResult;
import com.radrelay.worklist.Worklist;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

/** Signing a report: re-authentication, the claim's fence, immutability, and delivery back to the clinic. */
@IntegrationTest
@AutoConfigureMockMvc
class ReportSigningTests {

    private static final String PASSWORD = "a long password 1";

    @Autowired TenantDirectory directory;
    @Autowired UserAccounts accounts;
    @Autowired StudyArchive archive;
    @Autowired Worklist worklist;
    @Autowired ReportSigning signing;
    @Autowired SecondFactors secondFactors;
    @Autowired ReportObjects reportObjects;
    @Autowired ApiTokens tokens;
    @Autowired JdbcTemplate jdbc;
    @Autowired TenantJdbcTransactions tx;
    @Autowired MockMvc http;
    @TempDir Path dir;

    Tenant clinic;
    StudyUid study;
    SignedInUser reader;
    Authenticator app;

    @BeforeEach
    void aClaimedChestXray() throws Exception {
        clinic = Clinics.ruralClinic(directory);
        Studies.Study cr = Studies.cr(dir, "REPORT^ME", "R1", "20261203");
        try (InputStream in = Files.newInputStream(cr.files().getFirst())) {
            assertThat(archive.store(new StoreRequest.File(clinic.id(), in, "test", null)))
                    .isInstanceOf(StoreResult.Stored.class);
        }
        study = new StudyUid(cr.studyUid());
        reader = reader();
        app = Authenticator.enrol(secondFactors, reader.id(), reader.username());
        waitFor(() -> worklist.offered(reader, clinic.id(), study).isPresent());
    }

    @Test
    void aRequiredStructuredFieldMustBeChosenAndGoesToTheClinicInPdfSrAndFhir() throws Exception {
        Claim claim = claim(reader);
        Report draft = signing.draft(claim, reader, ReportTemplates.named("Mammography").orElseThrow());

        assertThat(signing.sign(claim, reader, PASSWORD, app.recoveryCode(),
                draft.id(), "Right breast: 8 mm spiculated mass.",
                "Suspicious right breast mass.", false, Map.of("composition", "c"), List.of()))
                .isEqualTo(new SignResult.Incomplete("Choose BI-RADS assessment category before signing"));
        assertThat(worklist.holds(claim)).isTrue();
        assertThat(signing.save(claim, draft.id(), "Right breast: 8 mm spiculated mass.", "", false,
                Map.of("composition", "c"))).isTrue();
        assertThat(signing.byId(clinic.id(), draft.id()).orElseThrow().fields()).extracting(ReportField::value)
                .containsExactly("c");

        Report signed = ((SignResult.Signed) signing.sign(claim, reader, PASSWORD, app.recoveryCode(), draft.id(),
                "Right breast: 8 mm spiculated mass.", "Suspicious right breast mass.", false,
                Map.of("birads", "4", "composition", "c"), List.of())).report();

        assertThat(signed.fields()).containsExactly(
                new ReportField("birads", "BI-RADS assessment category", "4", "4 - Suspicious"),
                new ReportField("composition", "Breast composition", "c", "c - Heterogeneously dense"));
        waitFor(() -> reportObjects.reportsOf(clinic.id(), study).size() == 2);
        List<ReportObjects.StoredReport> delivered = reportObjects.reportsOf(clinic.id(), study);
        assertThat(delivered).filteredOn(r -> !r.pdf()).singleElement().satisfies(r -> assertThat(r.text())
                .contains("BI-RADS assessment category: 4 - Suspicious"));
        ReportObjects.StoredReport pdf = delivered.stream().filter(ReportObjects.StoredReport::pdf).findFirst()
                .orElseThrow();
        try (PDDocument document = Loader.loadPDF(reportObjects.pdf(clinic.id(), study, pdf.sop()).orElseThrow())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Structured findings",
                    "BI-RADS assessment category: 4 - Suspicious");
        }
        String token = CurrentTenant.call(clinic.id(), () -> tokens.issue("EMR")).secret();
        String fhir = http.perform(get("/api/clinics/" + clinic.slug() + "/fhir/DiagnosticReport/" + signed.id())
                .header("Authorization", "Bearer " + token)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        DiagnosticReport resource = FhirContext.forR4().newJsonParser().parseResource(DiagnosticReport.class, fhir);
        assertThat(resource.getResult()).extracting(Reference::getDisplay).containsExactly(
                "BI-RADS assessment category: 4 - Suspicious", "Breast composition: c - Heterogeneously dense");
        Observation birads = (Observation) resource.getContained().getFirst();
        assertThat(birads.getCode().getCodingFirstRep().getCode()).isEqualTo("birads");
        assertThat(birads.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("4");
        assertThat(resource.getResult().getFirst().getReference()).isEqualTo("#" + birads.getIdPart());
    }

    @Test
    void aWrongPasswordSignsNothing() {
        Claim claim = claim(reader);
        Report draft = signing.draft(claim, reader, ReportTemplates.forStudy(List.of("CR"), List.of(), "chest"));

        assertThat(signing.sign(claim, reader, "not my password", app.recoveryCode(),
                draft.id(), "Clear lungs.", "Normal.", false))
                .isInstanceOf(SignResult.NeedsReauthentication.class);
        assertThat(signing.signedOf(clinic.id(), study)).isEmpty();
        assertThat(worklist.holds(claim)).isTrue();
    }

    @Test
    void aSignedReportNeverChangesAndReachesTheClinicAsPdfSrAndFhir() throws Exception {
        Claim claim = claim(reader);
        Report draft = signing.draft(claim, reader, ReportTemplates.forStudy(List.of("CR"), List.of(), "chest"));
        assertThat(draft.findings()).startsWith("Technique:").contains("Lungs:");

        SignResult result = signing.sign(claim, reader, PASSWORD, app.recoveryCode(), draft.id(), "Lungs: clear.",
                "No acute cardiopulmonary finding.", false);

        Report signed = ((SignResult.Signed) result).report();
        assertThat(signed.signed()).isTrue();
        assertThat(signed.contentSha256()).hasSize(64);
        assertThatThrownBy(() -> tx.execute(clinic.id(), () -> jdbc.update(
                "update reports set impression = 'changed' where id = ?", signed.id())))
                .hasMessageContaining("is signed and cannot change");

        waitFor(() -> reportObjects.reportsOf(clinic.id(), study).size() == 2);
        List<ReportObjects.StoredReport> delivered = reportObjects.reportsOf(clinic.id(), study);
        assertThat(delivered).filteredOn(r -> !r.pdf()).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("Impression:\nNo acute cardiopulmonary finding."));
        ReportObjects.StoredReport pdf = delivered.stream().filter(ReportObjects.StoredReport::pdf).findFirst()
                .orElseThrow();
        assertThat(new String(reportObjects.pdf(clinic.id(), study, pdf.sop()).orElseThrow(), 0, 5,
                StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");

        String token = CurrentTenant.call(clinic.id(), () -> tokens.issue("EMR")).secret();
        String fhir = http.perform(get("/api/clinics/" + clinic.slug() + "/fhir/DiagnosticReport")
                        .param("study", study.value()).header("Authorization", "Bearer " + token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fhir).contains("\"resourceType\":\"Bundle\"", "\"total\":1", "\"status\":\"final\"",
                "No acute cardiopulmonary finding.", "urn:oid:" + study.value());

        Tenant other = Clinics.ruralClinic(directory);
        String otherToken = CurrentTenant.call(other.id(), () -> tokens.issue("EMR")).secret();
        assertThat(http.perform(get("/api/clinics/" + other.slug() + "/fhir/DiagnosticReport/" + signed.id())
                .header("Authorization", "Bearer " + otherToken)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
    }

    @Test
    void aLaterChangeIsAnAddendumSignedOnItsOwn() throws Exception {
        Claim claim = claim(reader);
        Report draft = signing.draft(claim, reader, ReportTemplates.forStudy(List.of("CR"), List.of(), "chest"));
        Report original = ((SignResult.Signed) signing.sign(claim, reader, PASSWORD, app.recoveryCode(),
                draft.id(), "Lungs: clear.",
                "Normal chest.", false)).report();

        assertThat(signing.addendum(reader, "not my password", app.recoveryCode(), clinic.id(), study,
                "Rib fracture.", false))
                .isInstanceOf(SignResult.NeedsReauthentication.class);
        SignedInUser colleague = reader();
        Authenticator colleagues = Authenticator.enrol(secondFactors, colleague.id(), colleague.username());
        assertThat(signing.addendum(colleague, PASSWORD, colleagues.recoveryCode(), clinic.id(), study,
                "Rib fracture.", false))
                .as("a radiologist who did not report the study").isInstanceOf(SignResult.Incomplete.class);
        Report addendum = ((SignResult.Signed) signing.addendum(reader, PASSWORD, app.recoveryCode(), clinic.id(),
                study, "Left 6th rib fracture, missed on first reading.", true)).report();

        assertThat(addendum.amends()).isEqualTo(original.id());
        assertThat(signing.byId(clinic.id(), original.id()).orElseThrow().impression()).isEqualTo("Normal chest.");
        waitFor(() -> reportObjects.reportsOf(clinic.id(), study).size() == 4);
        assertThat(reportObjects.reportsOf(clinic.id(), study)).filteredOn(r -> !r.pdf())
                .anySatisfy(r -> assertThat(r.text()).contains("CRITICAL FINDING. Left 6th rib fracture"));
    }

    @Test
    void aReaderWhoseClaimWasTakenOverCannotSign() {
        Claim slow = claim(reader);
        Report draft = signing.draft(slow, reader, ReportTemplates.forStudy(List.of("CR"), List.of(), ""));

        worklist.takeBack(clinic.id(), study, "admin");
        Claim taken = claim(reader());

        assertThat(signing.sign(slow, reader, PASSWORD, app.recoveryCode(), draft.id(), "x", "y", false))
                .isInstanceOf(SignResult.ClaimLost.class);
        assertThat(signing.signedOf(clinic.id(), study)).isEmpty();
        assertThat(worklist.holds(taken)).isTrue();
    }

    @Test
    void theRightPasswordWithoutTheSecondFactorDoesNotSign() {
        Claim claim = claim(reader);
        Report draft = signing.draft(claim, reader, ReportTemplates.forStudy(List.of("CR"), List.of(), "chest"));
        assertThat(signing.sign(claim, reader, PASSWORD, "not-a-code", draft.id(), "Clear lungs.", "Normal.", false))
                .isEqualTo(new SignResult.NeedsReauthentication());
        assertThat(signing.signedOf(clinic.id(), study)).isEmpty();
        assertThat(signing.sign(claim, reader, PASSWORD, app.code(), draft.id(), "Clear lungs.", "Normal.", false))
                .isInstanceOf(SignResult.Signed.class);
    }

    private Claim claim(SignedInUser who) {
        return ((ClaimResult.Claimed) worklist.claim(who, clinic.id(), study)).claim();
    }

    private SignedInUser reader() {
        String name = "dr" + ThreadLocalRandom.current().nextInt(1_000_000_000);
        var user = accounts.create(name, "Dr " + name, PASSWORD, Role.RADIOLOGIST, null);
        accounts.registerRadiologist(user.id(), List.of(new Licence("KMPDC", "KE-30", "KE-" + name,
                LocalDate.now().plusYears(1))), Set.of("CR", "CT"), Set.of());
        return accounts.loadUserByUsername(name);
    }
}
