package com.radrelay.clinic.ui;

import com.radrelay.archive.ReportObjects;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudySummary;
import com.radrelay.clinic.CriticalFinding;
import com.radrelay.clinic.CriticalFindings;
import com.radrelay.clinic.StudyTimeline;
import com.radrelay.clinic.StudyUpdates;
import com.radrelay.clinic.TimelineEntry;
import com.radrelay.security.Roles;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.Priority;
import com.radrelay.workflow.Subspecialties;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.Uids;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One study of the clinic: what it holds, what the clinic asks of its reading, and its journey so far. */
@Route("clinic/study")
@PageTitle("Study · RadRelay")
@RolesAllowed({Roles.CLINIC_UPLOADER, Roles.CLINIC_MANAGER})
class StudyView extends Composite<VerticalLayout> implements HasUrlParameter<String> {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault());

    private final TenantId clinic = CurrentTenant.require();
    private final StudyArchive archive;
    private final StudyTimeline timeline;
    private final ReadRequests requests;
    private final StudyUpdates updates;
    private final ReportObjects reports;
    private final CriticalFindings critical;
    private final Div alerts = new Div();
    private @Nullable List<CriticalFinding> shownFindings;
    private final UnorderedList journey = new UnorderedList();
    private final Div delivered = new Div();
    private @Nullable StudyUid study;
    private @Nullable Runnable unsubscribe;

    StudyView(StudyArchive archive, StudyTimeline timeline, ReadRequests requests, StudyUpdates updates,
            ReportObjects reports, CriticalFindings critical) {
        this.archive = archive;
        this.reports = reports;
        this.critical = critical;
        this.timeline = timeline;
        this.requests = requests;
        this.updates = updates;
        journey.setId("rr-timeline");
        delivered.setId("rr-reports");
        alerts.setId("rr-critical");
    }

    @Override
    public void setParameter(BeforeEvent event, String uid) {
        VerticalLayout root = getContent();
        root.removeAll();
        Optional<StudySummary> found = Uids.valid(uid) ? archive.study(clinic, new StudyUid(uid)) : Optional.empty();
        if (found.isEmpty()) {
            // The same answer for another clinic's study and for one that does not exist.
            H2 title = new H2("No such study in your clinic");
            title.setId("rr-view-title");
            root.add(title);
            return;
        }
        StudySummary s = found.get();
        study = new StudyUid(s.studyUid());
        H2 title = new H2(s.patientNameForPeople() + " · " + DicomText.orEmpty(s.description()));
        title.setId("rr-view-title");
        root.add(title, new Paragraph("Patient ID " + DicomText.orEmpty(s.patientId()) + " · born "
                + StudySummary.readableDate(s.birthDate()) + " · sex " + DicomText.orEmpty(s.sex()) + " · study date "
                + StudySummary.readableDate(s.studyDate()) + " · accession " + DicomText.orEmpty(s.accessionNumber()) + " · "
                + s.instances() + " images in " + s.series() + " series"));

        Grid<StudySummary.Series> series = new Grid<>();
        series.addColumn(x -> x.number() == null ? "" : x.number().toString()).setHeader("#").setFlexGrow(0);
        series.addColumn(x -> DicomText.orEmpty(x.modality())).setHeader("Modality");
        series.addColumn(x -> DicomText.orEmpty(x.bodyPart())).setHeader("Body part");
        series.addColumn(x -> DicomText.orEmpty(x.description())).setHeader("Description").setFlexGrow(2);
        series.addColumn(StudySummary.Series::instances).setHeader("Images");
        series.setItems(archive.series(clinic, study));
        series.setAllRowsVisible(true);
        root.add(alerts, new H3("Reports"), delivered, new H3("Series"), series, new H3("Request for the radiologist"),
                requestForm(study), new H3("Journey"), journey);
        showJourney();
    }

    private static final String ANY_RADIOLOGIST = "any radiologist licensed here";

    private Div requestForm(StudyUid uid) {
        Select<Priority> priority = new Select<>();
        priority.setLabel("Priority");
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(p -> p.name().charAt(0) + p.name().substring(1).toLowerCase());
        priority.setId("rr-request-priority");
        TextField reason = new TextField("Reason (needed for STAT)");
        reason.setId("rr-request-reason");
        reason.setWidth("30em");
        TextArea question = new TextArea("Clinical question");
        question.setId("rr-request-question");
        question.setWidth("40em");
        question.setPlaceholder("e.g. Pneumothorax after chest drain removal?");
        Select<String> subspecialty = new Select<>();
        subspecialty.setLabel("Read by");
        subspecialty.setId("rr-request-subspecialty");
        List<String> choices = new ArrayList<>(List.of(ANY_RADIOLOGIST));
        choices.addAll(Subspecialties.ALL);
        subspecialty.setItems(choices);
        subspecialty.setItemLabelGenerator(c -> c.equals(ANY_RADIOLOGIST) ? c : "a " + c + " subspecialist");
        subspecialty.setValue(ANY_RADIOLOGIST);
        requests.of(clinic, uid).ifPresentOrElse(r -> {
            priority.setValue(r.priority());
            reason.setValue(DicomText.orEmpty(r.reason()));
            question.setValue(DicomText.orEmpty(r.clinicalQuestion()));
            subspecialty.setValue(r.subspecialty() == null ? ANY_RADIOLOGIST : r.subspecialty());
        }, () -> priority.setValue(Priority.ROUTINE));
        Button save = new Button("Save request", e -> {
            try {
                requests.request(clinic, uid, priority.getValue(), reason.getValue(), question.getValue(),
                        subspecialty.getValue().equals(ANY_RADIOLOGIST) ? null : subspecialty.getValue(),
                        UserAccounts.current().orElseThrow().username());
                reason.setInvalid(false);
                Notification.show("Request saved; the radiologists' worklist follows it");
            } catch (IllegalArgumentException ex) {
                reason.setInvalid(true);
                reason.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("rr-request-save");
        return new Div(new VerticalLayout(priority, reason, question, subspecialty, save));
    }

    private void showJourney() {
        if (study == null) {
            return;
        }
        showReports(study);
        showCriticalFindings(study);
        journey.removeAll();
        for (TimelineEntry entry : timeline.of(clinic, study)) {
            String status = entry.status() == null ? "" : " — " + entry.status().words();
            journey.add(new ListItem(WHEN.format(entry.at()) + ": " + entry.detail() + status));
        }
        if (journey.getChildren().findAny().isEmpty()) {
            journey.add(new ListItem("Still arriving: the study is announced once no image has come for a while"));
        }
    }

    private void showCriticalFindings(StudyUid uid) {
        List<CriticalFinding> findings = critical.of(clinic, uid);
        // Redrawn only when they changed: a button replaced by a push update would swallow a click already sent.
        if (findings.equals(shownFindings)) {
            return;
        }
        shownFindings = findings;
        alerts.removeAll();
        for (CriticalFinding finding : findings) {
            if (finding.open()) {
                Button acknowledge = new Button("I have read it: acknowledge", e -> {
                    critical.acknowledge(clinic, finding.report(), UserAccounts.current().orElseThrow().username());
                    showJourney();
                });
                acknowledge.setId("rr-critical-acknowledge");
                acknowledge.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
                Paragraph text = new Paragraph("CRITICAL FINDING reported " + WHEN.format(finding.raisedAt())
                        + (finding.escalatedAt() == null ? "" : " · escalated to the clinic's managers")
                        + ": read the report below and act on it, then acknowledge.");
                text.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "bold");
                alerts.add(text, acknowledge);
            } else {
                alerts.add(new Paragraph("Critical finding acknowledged by " + finding.acknowledgedBy() + " on "
                        + WHEN.format(Objects.requireNonNull(finding.acknowledgedAt()))));
            }
        }
    }

    private void showReports(StudyUid uid) {
        delivered.removeAll();
        List<ReportObjects.StoredReport> found = reports.reportsOf(clinic, uid);
        if (found.isEmpty()) {
            delivered.add(new Paragraph("No report yet."));
        }
        for (ReportObjects.StoredReport report : found) {
            String by = (report.author() == null ? "" : " · signed by " + report.author())
                    + (report.at() == null ? "" : " on " + WHEN.format(report.at()));
            if (report.pdf()) {
                Anchor pdf = new Anchor(DownloadHandler.fromInputStream(event -> {
                    byte[] bytes = reports.pdf(clinic, uid, report.sop()).orElseThrow();
                    return new DownloadResponse(new ByteArrayInputStream(bytes), "report-" + uid.value() + ".pdf",
                            "application/pdf", bytes.length);
                }), "Download the report as PDF");
                pdf.setId("rr-report-pdf");
                delivered.add(new Div(pdf, new Span(by)));
            } else {
                Pre text = new Pre(report.text());
                text.addClassName("rr-report-text");
                delivered.add(new Div(new Span(report.title() + by)), text);
            }
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = updates.subscribe(clinic, (c, changed) -> {
            if (changed.equals(study)) {
                ui.access(this::showJourney);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
