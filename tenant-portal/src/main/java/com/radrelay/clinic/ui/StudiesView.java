package com.radrelay.clinic.ui;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.archive.StudySummary;
import com.radrelay.clinic.CriticalFinding;
import com.radrelay.clinic.CriticalFindings;
import com.radrelay.clinic.StudyStatus;
import com.radrelay.clinic.StudyTimeline;
import com.radrelay.clinic.StudyUpdates;
import com.radrelay.security.Roles;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.ReadRequest;
import com.radrelay.workflow.ReadRequests;
import com.radrelay.workflow.StudyUid;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The clinic's studies, newest first, with where each one is on its journey; updates as studies move on. */
@Route("clinic/studies")
@PageTitle("Studies · RadRelay")
@Menu(order = 12, icon = "vaadin:records", title = "Studies")
@RolesAllowed({Roles.CLINIC_UPLOADER, Roles.CLINIC_MANAGER})
class StudiesView extends Composite<VerticalLayout> {

    private final TenantId clinic = CurrentTenant.require();
    private final StudyArchive archive;
    private final StudyTimeline timeline;
    private final ReadRequests requests;
    private final StudyUpdates updates;
    private final CriticalFindings critical;
    private final Div alerts = new Div();
    private final Grid<StudySummary> grid = new Grid<>();
    private final TextField patient = new TextField();
    private final ComboBox<String> modality = new ComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    // Filled for the rows of the page being shown, by the fetch that loads them.
    private final Map<StudyUid, StudyStatus> statuses = new ConcurrentHashMap<>();
    private final Map<StudyUid, ReadRequest> requested = new ConcurrentHashMap<>();
    private @Nullable Runnable unsubscribe;

    StudiesView(StudyArchive archive, StudyTimeline timeline, ReadRequests requests, StudyUpdates updates,
            CriticalFindings critical) {
        this.archive = archive;
        this.critical = critical;
        this.timeline = timeline;
        this.requests = requests;
        this.updates = updates;
        VerticalLayout root = getContent();
        root.setSizeFull();
        H2 title = new H2("Studies");
        title.setId("rr-view-title");

        patient.setPlaceholder("Patient name, ID or accession number");
        patient.setWidth("22em");
        patient.setId("rr-study-search");
        patient.setValueChangeMode(ValueChangeMode.LAZY);
        modality.setPlaceholder("Modality");
        modality.setItems(List.of("CR", "DX", "CT", "MR", "US", "MG", "XA", "NM", "PT", "XC", "OT"));
        modality.setClearButtonVisible(true);
        from.setPlaceholder("Study date from");
        to.setPlaceholder("to");
        patient.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        modality.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.setId("rr-studies");
        grid.addColumn(StudySummary::patientNameForPeople).setHeader("Patient").setFlexGrow(2);
        grid.addColumn(s -> DicomText.orEmpty(s.patientId())).setHeader("Patient ID");
        grid.addColumn(s -> StudySummary.readableDate(s.studyDate())).setHeader("Study date");
        grid.addColumn(s -> String.join(", ", s.modalities())).setHeader("Modality");
        grid.addColumn(s -> DicomText.orEmpty(s.description())).setHeader("Description").setFlexGrow(2);
        grid.addColumn(StudySummary::instances).setHeader("Images");
        grid.addColumn(this::status).setHeader("Status").setKey("status");
        grid.addColumn(this::priority).setHeader("Priority");
        grid.setItems(query -> page(query.getOffset(), query.getLimit()).stream());
        grid.addItemClickListener(e -> UI.getCurrent().navigate(StudyView.class, e.getItem().studyUid()));
        grid.setSizeFull();
        alerts.setId("rr-critical-open");
        root.add(title, alerts, new HorizontalLayout(patient, modality, from, to), grid);
        showAlerts();
    }

    /** Critical findings not yet acknowledged stay on top of the list until someone does. */
    private void showAlerts() {
        alerts.removeAll();
        for (CriticalFinding finding : critical.open(clinic)) {
            String who = archive.study(clinic, finding.study()).map(StudySummary::patientNameForPeople).orElse("a patient");
            Anchor open = new Anchor("clinic/study/" + finding.study().value(), "CRITICAL FINDING for " + who
                    + (finding.escalatedAt() == null ? "" : " (escalated)") + ": open the study to acknowledge it");
            open.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "bold");
            alerts.add(new Div(open));
        }
    }

    private List<StudySummary> page(int offset, int limit) {
        List<StudySummary> rows = archive.studies(clinic,
                new StudyFilter(patient.getValue(), modality.getValue(), from.getValue(), to.getValue()), offset, limit);
        List<StudyUid> uids = rows.stream().map(s -> new StudyUid(s.studyUid())).toList();
        statuses.putAll(timeline.statusOf(clinic, uids));
        requested.putAll(requests.of(clinic, uids));
        return rows;
    }

    private String status(StudySummary study) {
        StudyStatus status = statuses.get(new StudyUid(study.studyUid()));
        return status == null ? "arriving" : status.words();
    }

    private String priority(StudySummary study) {
        ReadRequest request = requested.get(new StudyUid(study.studyUid()));
        return request == null ? "routine" : request.priority().name().toLowerCase();
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        unsubscribe = updates.subscribe(clinic, (c, study) -> ui.access(() -> {
            grid.getDataProvider().refreshAll();
            showAlerts();
        }));
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }
}
