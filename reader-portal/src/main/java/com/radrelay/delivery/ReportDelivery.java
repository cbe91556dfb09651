package com.radrelay.delivery;

import com.radrelay.archive.ReportObjects;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.reporting.Report;
import com.radrelay.reporting.ReportSigning;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.workflow.ReportDelivered;
import com.radrelay.workflow.ReportSigned;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Takes each signed report back to its clinic: a PDF and a DICOM SR stored into the clinic's study (found by QIDO-RS
 * like any instance); the FHIR DiagnosticReport is served from the signed report itself. A delivery that fails
 * stays pending in the event registry and is retried; storing the same report again stores nothing new.
 */
@Component
class ReportDelivery {

    private final ReportSigning reports;
    private final ReportObjects objects;
    private final StudyArchive archive;
    private final TenantDirectory clinics;
    private final ApplicationEventPublisher events;
    private final ReportPdf pdf = new ReportPdf();

    ReportDelivery(ReportSigning reports, ReportObjects objects, StudyArchive archive, TenantDirectory clinics,
            ApplicationEventPublisher events) {
        this.reports = reports;
        this.objects = objects;
        this.archive = archive;
        this.clinics = clinics;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(ReportSigned signed) {
        Report report = reports.byId(signed.tenant(), signed.report()).orElseThrow();
        StudySummary study = archive.study(signed.tenant(), signed.study()).orElseThrow();
        String clinic = clinics.byId(signed.tenant()).orElseThrow().name();
        ReportObjects.ReportContent content = new ReportObjects.ReportContent(report.id(),
                report.addendum() ? "Addendum to the radiology report" : "Radiology report", report.findings(),
                report.impression(), report.fields().stream().map(f -> new ReportObjects.Field(f.code(), f.label(),
                        f.value(), f.text())).toList(), report.critical(), report.authorName(),
                Objects.requireNonNull(report.signedAt()));
        kept(objects.storePdf(signed.tenant(), signed.study(), content, pdf.render(report, clinic, study)));
        kept(objects.storeStructuredReport(signed.tenant(), signed.study(), content));
        events.publishEvent(new ReportDelivered(signed.tenant(), signed.study(), report.id()));
    }

    private static void kept(StoreResult result) {
        if (!(result instanceof StoreResult.Stored) && !(result instanceof StoreResult.Duplicate)) {
            throw new IllegalStateException("the archive did not keep the report: " + result);
        }
    }
}
