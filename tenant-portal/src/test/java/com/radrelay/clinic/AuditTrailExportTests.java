package com.radrelay.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class AuditTrailExportTests {

    @Autowired AuditLog audit;
    @Autowired AuditTrailExport export;
    @Autowired TenantDirectory directory;

    Tenant clinic;
    Tenant other;
    Instant start;

    @BeforeEach
    void twoClinicsWithATrail() {
        clinic = Clinics.ruralClinic(directory);
        other = Clinics.ruralClinic(directory);
        start = Instant.now().minusSeconds(1);
        audit.record(new AuditEvent(clinic.id(), "dr.reader", "DICOM_INSTANCES_ACCESSED", "study", "1.2.3.4",
                AuditEvent.Outcome.SUCCESS, "door=wado-rs requests=3 instances=120"));
        audit.record(new AuditEvent(clinic.id(), "anonymous", "API_AUTH", "api", null, AuditEvent.Outcome.DENIED,
                "=HYPERLINK(\"http://evil\",\"click\"), token rr_x"));
        audit.record(new AuditEvent(other.id(), "other.manager", "API_TOKEN_ISSUED", "api-token", "t",
                AuditEvent.Outcome.SUCCESS, null));
    }

    @Test
    void csvHoldsTheClinicsRecordsOfThePeriodWithFormulasDefused() {
        String csv = export(AuditTrailExport.Format.CSV, start, Instant.now().plusSeconds(1));
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo(
                "seq,recorded,clinic,actor,action,object_type,object_id,outcome,detail,prev_hash,hash");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("," + clinic.slug() + ",dr.reader,DICOM_INSTANCES_ACCESSED,study,1.2.3.4,"
                + "SUCCESS,door=wado-rs requests=3 instances=120,");
        assertThat(lines.get(2)).contains(",DENIED,\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\"), token rr_x\",");
        assertThat(csv).doesNotContain("other.manager");
        assertThat(audit.recent(clinic.id(), 1).getFirst().event()).satisfies(e -> {
            assertThat(e.action()).isEqualTo("AUDIT_LOG_USED");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.detail()).isEqualTo("format=csv records=2");
        });
    }

    @Test
    void fhirIsABundleOfAuditEventsInDicomsVocabulary() {
        String json = export(AuditTrailExport.Format.FHIR, start, Instant.now().plusSeconds(1));
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        List<org.hl7.fhir.r4.model.AuditEvent> events = bundle.getEntry().stream()
                .map(BundleEntryComponent::getResource).map(org.hl7.fhir.r4.model.AuditEvent.class::cast).toList();
        assertThat(events).hasSize(2);
        org.hl7.fhir.r4.model.AuditEvent read = events.getFirst();
        assertThat(read.getType().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(read.getType().getCode()).isEqualTo("110103");
        assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("DICOM_INSTANCES_ACCESSED");
        assertThat(read.getAction()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.R);
        assertThat(read.getOutcome()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome._0);
        assertThat(read.getAgentFirstRep().getWho().getDisplay()).isEqualTo("dr.reader");
        assertThat(read.getSource().getSite()).isEqualTo(clinic.name());
        assertThat(read.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("1.2.3.4");
        org.hl7.fhir.r4.model.AuditEvent refused = events.get(1);
        assertThat(refused.getType().getCode()).isEqualTo("110114");
        assertThat(refused.getOutcome()).isEqualTo(org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome._4);
        assertThat(json).doesNotContain("other.manager");
    }

    @Test
    void recordsOutsideThePeriodAreLeftOutAndABackwardPeriodIsRefused() {
        Instant before = start.minus(Duration.ofDays(2));
        assertThat(export(AuditTrailExport.Format.CSV, before, start).lines()).hasSize(1);
        assertThatThrownBy(() -> export(AuditTrailExport.Format.CSV, start, before))
                .hasMessage("the period must end after it starts");
    }

    private String export(AuditTrailExport.Format format, Instant from, Instant to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(clinic, from, to, format, "auditor", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
