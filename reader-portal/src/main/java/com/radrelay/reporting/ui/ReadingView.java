package com.radrelay.reporting.ui;

import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.archive.StudySummary;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.reporting.AiVerdict;
import com.radrelay.reporting.Report;
import com.radrelay.reporting.ReportSigning;
import com.radrelay.reporting.ReportTemplates;
import com.radrelay.reporting.SignResult;
import com.radrelay.security.Roles;
import com.radrelay.viewer.ui.StudyViewer;
import com.radrelay.security.SignedInUser;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.Uids;
import com.radrelay.worklist.AiNote;
import com.radrelay.worklist.Claim;
import com.radrelay.worklist.ClaimResult;
import com.radrelay.worklist.Worklist;
import com.radrelay.worklist.WorklistRow;
import com.radrelay.worklist.WorklistSettings;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reading one study: opening the page claims it (the claim is renewed while the page is open and given back when
 * it closes unsigned), shows the full study, and holds the report until it is signed with the reader's password.
 */
@Route("reader/read/:clinic/:study")
@PageTitle("Reading · RadRelay")
@RolesAllowed(Roles.RADIOLOGIST)
class ReadingView extends Composite<VerticalLayout> implements BeforeEnterObserver {

    private static final String AGREE = "Agree";
    private static final String DISAGREE = "Disagree";

    private final Worklist worklist;
    private final ReportSigning signing;
    private final StudyArchive archive;
    private final AuditLog audit;
    private final WorklistSettings settings;
    private final SignedInUser me = UserAccounts.current().orElseThrow();
    private @Nullable Claim claim;
    private boolean signed;
    private @Nullable Registration renewing;
    private final Map<AiNote, RadioButtonGroup<String>> verdicts = new LinkedHashMap<>();

    ReadingView(Worklist worklist, ReportSigning signing, StudyArchive archive, AuditLog audit,
            WorklistSettings settings) {
        this.worklist = worklist;
        this.signing = signing;
        this.archive = archive;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        VerticalLayout root = getContent();
        root.removeAll();
        Optional<TenantId> clinic = event.getRouteParameters().get("clinic").flatMap(ReadingView::tenant);
        Optional<StudyUid> study = event.getRouteParameters().get("study").filter(Uids::valid).map(StudyUid::new);
        if (clinic.isEmpty() || study.isEmpty()) {
            title("This study is not offered to you");
            return;
        }
        Optional<WorklistRow> row = worklist.offered(me, clinic.get(), study.get());
        switch (row.isEmpty() ? new ClaimResult.NotOffered() : worklist.claim(me, clinic.get(), study.get())) {
            case ClaimResult.NotOffered n -> title("This study is not offered to you");
            case ClaimResult.HeldByAnother h -> {
                title("Already claimed");
                root.add(new Paragraph(h.by() + " is reading this study."), back());
            }
            case ClaimResult.Claimed c -> {
                claim = c.claim();
                audit.record(new AuditEvent(clinic.get(), me.username(), "STUDY_OPENED", "study",
                        study.get().value(), AuditEvent.Outcome.SUCCESS, "claim=" + claim.version()));
                show(row.get(), archive.study(clinic.get(), study.get()).orElseThrow());
            }
        }
    }

    private void show(WorklistRow row, StudySummary study) {
        VerticalLayout root = getContent();
        title(study.patientNameForPeople() + " · " + (study.description() == null ? "" : study.description()));
        root.add(new Paragraph(row.clinicName() + " · patient ID " + study.patientId() + " · born "
                + StudySummary.readableDate(study.birthDate()) + " · "
                + (row.patientAge() == null ? "" : row.patientAge() + " ") + (study.sex() == null ? "" : study.sex())
                + " · study date " + StudySummary.readableDate(study.studyDate()) + " · "
                + study.instances() + " images · priority " + row.priority().name().toLowerCase()));
        if (row.clinicalQuestion() != null) {
            Paragraph question = new Paragraph("Clinical question: " + row.clinicalQuestion());
            question.setId("rr-clinical-question");
            root.add(question);
        }
        if (!row.aiNotes().isEmpty()) {
            // Assistive only: the radiologist reads the images; the SR of each model is among the series below.
            VerticalLayout ai = new VerticalLayout(new Paragraph("AI results (assistive, not verified by a person). "
                    + "Say at sign-off whether you agree: it is how each model is measured in real use."));
            ai.setId("rr-ai-notes");
            ai.add(new Paragraph("Each result starts in the findings; disagreeing takes it out."));
            ai.setPadding(false);
            for (AiNote note : row.aiNotes()) {
                if (note.failed()) {
                    ai.add(new Paragraph(note.line()));
                    continue;
                }
                RadioButtonGroup<String> verdict = new RadioButtonGroup<>(note.line());
                verdict.setItems(AGREE, DISAGREE);
                verdict.addClassName("rr-ai-verdict");
                verdicts.put(note, verdict);
                ai.add(verdict);
            }
            root.add(ai);
        }
        Grid<StudySummary.Series> series = new Grid<>();
        series.addColumn(s -> s.number() == null ? "" : s.number().toString()).setHeader("#").setFlexGrow(0);
        series.addColumn(s -> s.modality() == null ? "" : s.modality()).setHeader("Modality");
        series.addColumn(s -> s.bodyPart() == null ? "" : s.bodyPart()).setHeader("Body part");
        series.addColumn(s -> s.description() == null ? "" : s.description()).setHeader("Description").setFlexGrow(2);
        series.addColumn(StudySummary.Series::instances).setHeader("Images");
        List<StudySummary.Series> all = archive.series(row.clinic(), row.study());
        series.setItems(all);
        series.setAllRowsVisible(true);
        List<StudyViewer.Viewable> viewable = new ArrayList<>();
        viewable.add(new StudyViewer.Viewable(study, all));
        priors(row.clinic(), study).forEach(p -> viewable.add(new StudyViewer.Viewable(p,
                archive.series(row.clinic(), new StudyUid(p.studyUid())))));
        StudyViewer viewer = new StudyViewer(row.clinic(), viewable);
        viewer.setId("rr-viewer");
        viewer.getElement().getStyle().set("width", "100%");
        root.add(viewer, series, report(row, study));
    }

    /** The patient's other studies at this clinic, newest first (the same patient ID). */
    private List<StudySummary> priors(TenantId clinic, StudySummary study) {
        if (study.patientId() == null || study.patientId().isBlank()) {
            return List.of();
        }
        return archive.studies(clinic, new StudyFilter(study.patientId(), null, null, null), 0, 20).stream()
                .filter(s -> study.patientId().equals(s.patientId()) && !s.studyUid().equals(study.studyUid()))
                .toList();
    }

    private VerticalLayout report(WorklistRow row, StudySummary study) {
        Claim held = Objects.requireNonNull(claim);
        ReportTemplates.Template template = ReportTemplates.forStudy(study.modalities(), study.bodyParts(),
                study.description() == null ? "" : study.description());
        // A new draft starts with the AI results in its findings; the reader's verdict keeps or drops each one.
        List<String> aiResults = verdicts.keySet().stream().map(AiNote::line).toList();
        Report draft = signing.draft(held, me, template.startingWith(template.findingsWith(aiResults)));
        TextArea findings = new TextArea("Findings");
        findings.setId("rr-findings");
        findings.setWidthFull();
        findings.setMinHeight("12em");
        findings.setValue(draft.findings());
        TextArea impression = new TextArea("Impression");
        impression.setId("rr-impression");
        impression.setWidthFull();
        impression.setValue(draft.impression());
        verdicts.forEach((note, verdict) -> verdict.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                findings.setValue(ReportTemplates.withAiResult(findings.getValue(), note.line(),
                        AGREE.equals(e.getValue())));
            }
        }));
        Map<String, Select<ReportTemplates.Choice>> fields = fields(template, draft);
        Select<ReportTemplates.Macro> macros = new Select<>();
        macros.setId("rr-macros");
        macros.setPlaceholder("Insert a macro…");
        macros.setItems(template.macros());
        macros.setItemLabelGenerator(ReportTemplates.Macro::name);
        macros.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                ReportTemplates.Text text = e.getValue().apply(
                        new ReportTemplates.Text(findings.getValue(), impression.getValue()));
                findings.setValue(text.findings());
                impression.setValue(text.impression());
                // A macro answers the fields still empty; what the reader chose stays.
                e.getValue().fields().forEach((code, value) -> {
                    Select<ReportTemplates.Choice> field = fields.get(code);
                    if (field != null && field.isEmpty()) {
                        field.getListDataView().getItems().filter(c -> c.code().equals(value)).findFirst()
                                .ifPresent(field::setValue);
                    }
                });
                macros.clear();
            }
        });
        Checkbox critical = new Checkbox("Critical finding: the clinic must be told at once");
        critical.setId("rr-critical");
        critical.setValue(draft.critical());
        Button save = new Button("Save draft", e -> {
            if (signing.save(held, draft.id(), findings.getValue(), impression.getValue(), critical.getValue(),
                    choices(fields))) {
                Notification.show("Draft saved");
            } else {
                lost();
            }
        });
        Button sign = new Button("Sign report…", e -> confirmSigning(held, draft.id(), findings, impression, critical,
                fields));
        sign.setId("rr-sign");
        sign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button release = new Button("Give back unread", e -> {
            worklist.release(held);
            claim = null;
            UI.getCurrent().navigate("reader");
        });
        release.setId("rr-release");
        HorizontalLayout structured = new HorizontalLayout();
        structured.setId("rr-fields");
        structured.setWrap(true);
        fields.values().forEach(structured::add);
        VerticalLayout report = new VerticalLayout(new H3("Report · " + template.name()), macros, findings,
                new Dictation("rr-findings"), impression, new Dictation("rr-impression"), structured, critical,
                new HorizontalLayout(sign, save, release));
        report.setPadding(false);
        return report;
    }

    /** A choice per structured field of the template, showing what the draft kept, by field code. */
    private static Map<String, Select<ReportTemplates.Choice>> fields(ReportTemplates.Template template,
            Report draft) {
        Map<String, Select<ReportTemplates.Choice>> fields = new LinkedHashMap<>();
        for (ReportTemplates.Field f : template.fields()) {
            Select<ReportTemplates.Choice> select = new Select<>();
            select.setId("rr-field-" + f.code());
            select.setLabel(f.label());
            select.setRequiredIndicatorVisible(f.required());
            select.setEmptySelectionAllowed(!f.required());
            select.setEmptySelectionCaption("Not stated");
            select.setItems(f.choices());
            // The empty choice comes to the generator as null.
            select.setItemLabelGenerator(c -> c == null ? "Not stated" : c.label());
            draft.fields().stream().filter(k -> k.code().equals(f.code())).findFirst().flatMap(k -> f.choices()
                    .stream().filter(c -> c.code().equals(k.value())).findFirst()).ifPresent(select::setValue);
            fields.put(f.code(), select);
        }
        return fields;
    }

    private static Map<String, String> choices(Map<String, Select<ReportTemplates.Choice>> fields) {
        Map<String, String> choices = new LinkedHashMap<>();
        fields.forEach((code, select) -> {
            if (select.getValue() != null) {
                choices.put(code, select.getValue().code());
            }
        });
        return choices;
    }

    /** The AI results the reader answered; an unanswered one is left out, not counted either way. */
    private List<AiVerdict> answered() {
        return verdicts.entrySet().stream().filter(e -> e.getValue().getValue() != null)
                .map(e -> new AiVerdict(e.getKey().model(), e.getKey().version(),
                        AGREE.equals(e.getValue().getValue())))
                .toList();
    }

    private void confirmSigning(Claim held, UUID draft, TextArea findings, TextArea impression, Checkbox critical,
            Map<String, Select<ReportTemplates.Choice>> fields) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Sign the report");
        PasswordField password = new PasswordField("Your password");
        password.setId("rr-sign-password");
        password.setWidthFull();
        TextField code = new TextField("Code from your authenticator app");
        code.setId("rr-sign-code");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setWidthFull();
        dialog.add(new Paragraph("A signed report is final and goes to the clinic at once."), password, code);
        Button confirm = new Button("Sign", e -> {
            SignResult result = signing.sign(held, me, password.getValue(), code.getValue(), draft,
                    findings.getValue(),
                    impression.getValue(), critical.getValue(), choices(fields), answered());
            switch (result) {
                case SignResult.Signed s -> {
                    signed = true;
                    dialog.close();
                    Notification.show("Report signed; it is on its way to the clinic")
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    UI.getCurrent().navigate("reader");
                }
                case SignResult.NeedsReauthentication n -> {
                    password.setInvalid(true);
                    password.setErrorMessage("The password or the code is not right");
                }
                case SignResult.Incomplete i -> {
                    dialog.close();
                    List<Select<ReportTemplates.Choice>> unanswered = fields.values().stream()
                            .filter(f -> f.isRequiredIndicatorVisible() && f.isEmpty()).toList();
                    if (unanswered.isEmpty()) {
                        impression.setInvalid(true);
                        impression.setErrorMessage(i.message());
                    }
                    unanswered.forEach(f -> {
                        f.setInvalid(true);
                        f.setErrorMessage(i.message());
                    });
                }
                case SignResult.ClaimLost l -> {
                    dialog.close();
                    lost();
                }
            }
        });
        confirm.setId("rr-sign-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
        password.focus();
    }

    private void lost() {
        claim = null;
        Notification.show("Another radiologist has taken this study over; your report was not signed")
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
        getContent().getChildren().filter(c -> c instanceof VerticalLayout).forEach(c -> c.setVisible(false));
    }

    private void title(String text) {
        H2 title = new H2(text);
        title.setId("rr-view-title");
        getContent().add(title);
    }

    private Button back() {
        return new Button("Back to the worklist", e -> UI.getCurrent().navigate("reader"));
    }

    private static Optional<TenantId> tenant(String id) {
        try {
            return Optional.of(new TenantId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        ui.setPollInterval((int) settings.renewEvery().toMillis());
        renewing = ui.addPollListener(e -> {
            if (claim != null && !signed && !worklist.renew(claim)) {
                lost();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (renewing != null) {
            renewing.remove();
        }
        if (claim != null && !signed) {
            // The page closed or the reader went elsewhere: the study goes back to the worklist.
            worklist.release(claim);
        }
    }
}
