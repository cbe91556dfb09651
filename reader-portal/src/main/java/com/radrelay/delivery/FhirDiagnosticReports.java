package com.radrelay.delivery;

import ca.uhn.fhir.context.FhirContext;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.reporting.Report;
import com.radrelay.reporting.ReportField;
import com.radrelay.reporting.ReportSigning;
import com.radrelay.security.ApiClient;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.Uids;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A clinic's signed reports as FHIR R4 DiagnosticReport resources, read with the clinic's API token (the token
 * filter finds the clinic from the path and looks the token up inside it). Search by the study's instance UID.
 */
@RestController
class FhirDiagnosticReports {

    private static final String FHIR_JSON = "application/fhir+json";
    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String FIELDS = "urn:radrelay:report-field";

    private final ReportSigning reports;
    private final StudyArchive archive;

    FhirDiagnosticReports(ReportSigning reports, StudyArchive archive) {
        this.reports = reports;
        this.archive = archive;
    }

    @GetMapping(value = "/api/clinics/{clinic}/fhir/DiagnosticReport", produces = FHIR_JSON)
    ResponseEntity<String> search(@PathVariable String clinic, @RequestParam String study,
            @AuthenticationPrincipal ApiClient client) {
        if (!Uids.valid(study)) {
            return ResponseEntity.badRequest().body(outcome("'study' must be a Study Instance UID"));
        }
        StudyUid uid = new StudyUid(study);
        Optional<StudySummary> summary = archive.study(client.clinic(), uid);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        List<Report> signed = summary.isEmpty() ? List.of() : reports.signedOf(client.clinic(), uid);
        signed.forEach(r -> bundle.addEntry().setResource(resource(r, summary.get())));
        bundle.setTotal(signed.size());
        return ResponseEntity.ok(FHIR.newJsonParser().encodeResourceToString(bundle));
    }

    @GetMapping(value = "/api/clinics/{clinic}/fhir/DiagnosticReport/{id}", produces = FHIR_JSON)
    ResponseEntity<String> read(@PathVariable String clinic, @PathVariable String id,
            @AuthenticationPrincipal ApiClient client) {
        Optional<Report> report;
        try {
            report = reports.byId(client.clinic(), UUID.fromString(id)).filter(Report::signed);
        } catch (IllegalArgumentException e) {
            report = Optional.empty();
        }
        Optional<StudySummary> study = report.flatMap(r -> archive.study(client.clinic(), r.study()));
        if (report.isEmpty() || study.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(outcome("no DiagnosticReport " + id));
        }
        return ResponseEntity.ok(FHIR.newJsonParser().encodeResourceToString(resource(report.get(), study.get())));
    }

    private static DiagnosticReport resource(Report report, StudySummary study) {
        DiagnosticReport r = new DiagnosticReport();
        r.setId(report.id().toString());
        r.addIdentifier(new Identifier().setSystem("urn:radrelay:report").setValue(report.id().toString()));
        r.setStatus(report.addendum() ? DiagnosticReport.DiagnosticReportStatus.APPENDED
                : DiagnosticReport.DiagnosticReportStatus.FINAL);
        r.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD",
                "Radiology")));
        r.setCode(new CodeableConcept(new Coding("http://loinc.org", "18748-4", "Diagnostic imaging study")));
        r.setSubject(new Reference().setDisplay(study.patientNameForPeople())
                .setIdentifier(new Identifier().setValue(study.patientId())));
        r.setIssued(Date.from(report.signedAt()));
        r.addResultsInterpreter(new Reference().setDisplay(report.authorName()));
        r.addImagingStudy(new Reference().setIdentifier(new Identifier().setSystem("urn:dicom:uid")
                .setValue("urn:oid:" + study.studyUid())));
        r.setConclusion((report.critical() ? "CRITICAL FINDING. " : "") + report.impression());
        // Each structured field is an Observation carried inside the report, coded in the template's own system.
        for (ReportField f : report.fields()) {
            Observation o = new Observation();
            o.setId(f.code());
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.setCode(new CodeableConcept(new Coding(FIELDS, f.code(), f.label())).setText(f.label()));
            o.setValue(new CodeableConcept(new Coding(FIELDS + "/" + f.code(), f.value(), f.text()))
                    .setText(f.text()));
            r.addContained(o);
            r.addResult(new Reference("#" + f.code()).setDisplay(f.label() + ": " + f.text()));
        }
        if (!report.findings().isBlank()) {
            r.addPresentedForm().setContentType("text/plain").setTitle("Findings")
                    .setData(report.findings().getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private static String outcome(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID).setDiagnostics(message);
        return FHIR.newJsonParser().encodeResourceToString(outcome);
    }
}
