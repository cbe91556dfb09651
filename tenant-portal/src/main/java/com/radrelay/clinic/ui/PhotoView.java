package com.radrelay.clinic.ui;

import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyFilter;
import com.radrelay.archive.StudySummary;
import com.radrelay.ingest.ClinicalPhotos;
import com.radrelay.security.Roles;
import com.radrelay.security.UserAccounts;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Clinical photographs from a phone (works at a phone's width; the camera opens from the file picker): the
 * patient, the body site, a note, then the photos go into the clinic's archive as DICOM like any study.
 */
@Route("clinic/photos")
@PageTitle("Clinical photos · RadRelay")
@Menu(order = 16, icon = "vaadin:camera", title = "Clinical photos")
@RolesAllowed({Roles.CLINIC_UPLOADER, Roles.CLINIC_MANAGER})
class PhotoView extends Composite<VerticalLayout> {

    /** Sites photographed in dermatology, wound care and eye care, with their SNOMED CT codes. */
    static final List<ClinicalPhotos.BodySite> SITES = List.of(
            new ClinicalPhotos.BodySite("89545001", "Face"),
            new ClinicalPhotos.BodySite("41695006", "Scalp"),
            new ClinicalPhotos.BodySite("81745001", "Eye"),
            new ClinicalPhotos.BodySite("45048000", "Neck"),
            new ClinicalPhotos.BodySite("78904004", "Chest wall"),
            new ClinicalPhotos.BodySite("818983003", "Abdomen"),
            new ClinicalPhotos.BodySite("77568009", "Back"),
            new ClinicalPhotos.BodySite("40983000", "Upper arm"),
            new ClinicalPhotos.BodySite("85562004", "Hand"),
            new ClinicalPhotos.BodySite("68367000", "Thigh"),
            new ClinicalPhotos.BodySite("72696002", "Knee"),
            new ClinicalPhotos.BodySite("30021000", "Lower leg"),
            new ClinicalPhotos.BodySite("56459004", "Foot"),
            new ClinicalPhotos.BodySite("39937001", "Skin"));
    private static final int MAX_PHOTO_BYTES = 25 * 1024 * 1024;

    private final TenantId clinic = CurrentTenant.require();
    private final StudyArchive archive;
    private final ClinicalPhotos photos;
    private final List<byte[]> taken = Collections.synchronizedList(new ArrayList<>());
    private final ComboBox<KnownPatient> existing = new ComboBox<>("Existing patient");
    private final TextField family = new TextField("Family name");
    private final TextField given = new TextField("Given name");
    private final TextField patientId = new TextField("Patient ID");
    private final DatePicker birth = new DatePicker("Date of birth");
    private final Select<String> sex = new Select<>();
    private final Select<ClinicalPhotos.BodySite> site = new Select<>();
    private final Select<StudyChoice> into = new Select<>();
    private final TextArea note = new TextArea("Note");

    PhotoView(StudyArchive archive, ClinicalPhotos photos) {
        this.archive = archive;
        this.photos = photos;
        VerticalLayout root = getContent();
        root.setMaxWidth("40em");
        H2 title = new H2("Clinical photos");
        title.setId("rr-view-title");
        existing.setId("rr-photo-patient");
        existing.setItemLabelGenerator(KnownPatient::label);
        existing.setItems(query -> patients(query.getFilter().orElse(""), query.getOffset(), query.getLimit()));
        existing.setClearButtonVisible(true);
        existing.setPlaceholder("Type a name or ID, or enter a new patient below");
        existing.addValueChangeListener(e -> choose(e.getValue()));
        family.setId("rr-photo-family");
        given.setId("rr-photo-given");
        patientId.setId("rr-photo-id");
        birth.setId("rr-photo-birth");
        sex.setLabel("Sex");
        sex.setItems("F", "M", "O");
        sex.setId("rr-photo-sex");
        site.setLabel("Body site");
        site.setItems(SITES);
        site.setItemLabelGenerator(ClinicalPhotos.BodySite::meaning);
        site.setId("rr-photo-site");
        into.setLabel("Add to");
        into.setItemLabelGenerator(StudyChoice::label);
        into.setId("rr-photo-into");
        resetStudies(List.of());
        note.setId("rr-photo-note");
        note.setPlaceholder("e.g. Ulcer on the left heel, day 14 of dressing changes");
        Upload upload = newUpload();
        Button send = new Button("Send photos", e -> send());
        send.setId("rr-photo-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        for (HasSize field : List.<HasSize>of(existing, family, given, patientId, birth, sex, site, into, note)) {
            field.setWidthFull();
        }
        root.add(title, new Paragraph("Take the photos with this phone's camera or choose them from its gallery. "
                + "Location and camera details are removed before anything is stored."), existing, family, given,
                patientId, birth, sex, site, into, note, upload, send);
    }

    private Upload newUpload() {
        UI ui = UI.getCurrent();
        Upload u = new Upload(UploadHandler.inMemory((metadata, data) -> taken.add(data)));
        u.setId("rr-photo-upload");
        u.setAcceptedMimeTypes("image/jpeg");
        u.setAcceptedFileExtensions(".jpg", ".jpeg");
        u.setMaxFileSize(MAX_PHOTO_BYTES);
        u.setMaxFiles(20);
        u.setUploadButton(new Button("Take or choose photos"));
        // The phone's camera opens straight from the picker (the input's "capture" attribute).
        u.getElement().setProperty("capture", "environment");
        u.addFileRejectedListener(e -> ui.access(() -> Notification.show(e.getErrorMessage())
                .addThemeVariants(NotificationVariant.LUMO_ERROR)));
        u.setWidthFull();
        return u;
    }

    private void send() {
        ClinicalPhotos.BodySite chosenSite = site.getValue();
        if (chosenSite == null) {
            site.setInvalid(true);
            site.setErrorMessage("Choose the body site");
            return;
        }
        site.setInvalid(false);
        try {
            ClinicalPhotos.Outcome outcome = photos.store(clinic, new ClinicalPhotos.Visit(
                    new ClinicalPhotos.Patient(family.getValue(), given.getValue(), patientId.getValue(),
                            birth.getValue() == null ? null : birth.getValue().format(DateTimeFormatter.BASIC_ISO_DATE),
                            sex.getValue()),
                    chosenSite, note.getValue(), List.copyOf(taken),
                    UserAccounts.current().orElseThrow().username(),
                    into.getValue() == null ? null : into.getValue().study(), Instant.now()));
            long stored = outcome.photos().stream().filter(r -> r instanceof StoreResult.Stored).count();
            List<String> problems = outcome.photos().stream()
                    .filter(r -> r instanceof StoreResult.Rejected || r instanceof StoreResult.Failed)
                    .map(r -> r instanceof StoreResult.Rejected rej ? rej.reason() : ((StoreResult.Failed) r).reason())
                    .toList();
            Notification done = Notification.show(stored + " photo(s) stored in the patient's study"
                    + (problems.isEmpty() ? "" : "; not stored: " + String.join("; ", problems)));
            done.addThemeVariants(problems.isEmpty() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
            taken.clear();
            UI.getCurrent().navigate(StudyView.class, outcome.study().value());
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void choose(@Nullable KnownPatient patient) {
        boolean known = patient != null;
        family.setReadOnly(known);
        given.setReadOnly(known);
        patientId.setReadOnly(known);
        birth.setReadOnly(known);
        sex.setReadOnly(known);
        if (patient == null) {
            resetStudies(List.of());
            return;
        }
        family.setValue(patient.family());
        given.setValue(patient.given());
        patientId.setValue(patient.id());
        birth.setValue(patient.birthDate() == null ? null
                : LocalDate.parse(patient.birthDate(), DateTimeFormatter.BASIC_ISO_DATE));
        sex.setValue(patient.sex());
        resetStudies(patient.studies());
    }

    private void resetStudies(List<StudySummary> studies) {
        List<StudyChoice> choices = new ArrayList<>();
        choices.add(new StudyChoice(null, "A new study"));
        studies.forEach(s -> choices.add(new StudyChoice(new StudyUid(s.studyUid()),
                StudySummary.readableDate(s.studyDate()) + " · " + DicomText.orEmpty(s.description()))));
        into.setItems(choices);
        into.setValue(choices.getFirst());
    }

    /** The patients whose name starts with, or whose ID is, the text typed: one entry per patient ID. */
    private Stream<KnownPatient> patients(String text, int offset, int limit) {
        if (text.isBlank()) {
            return Stream.empty();
        }
        Map<String, List<StudySummary>> byId = new LinkedHashMap<>();
        for (StudySummary s : archive.studies(clinic, new StudyFilter(text, null, null, null), 0, 200)) {
            if (s.patientId() != null) {
                byId.computeIfAbsent(s.patientId(), k -> new ArrayList<>()).add(s);
            }
        }
        return byId.values().stream().map(KnownPatient::of).skip(offset).limit(limit);
    }

    private record KnownPatient(String id, String family, String given, @Nullable String birthDate,
            @Nullable String sex, List<StudySummary> studies) {

        static KnownPatient of(List<StudySummary> studies) {
            StudySummary s = studies.getFirst();
            String[] name = Optional.ofNullable(s.patientName()).orElse("").split("=")[0].split("\\^", -1);
            return new KnownPatient(String.valueOf(s.patientId()), name[0], name.length > 1 ? name[1] : "",
                    s.birthDate(), s.sex(), studies);
        }

        String label() {
            return family + (given.isEmpty() ? "" : ", " + given) + " · " + id
                    + (birthDate == null ? "" : " · born " + StudySummary.readableDate(birthDate));
        }
    }

    private record StudyChoice(@Nullable StudyUid study, String label) {
    }
}
