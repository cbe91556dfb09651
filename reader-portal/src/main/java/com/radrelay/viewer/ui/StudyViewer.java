package com.radrelay.viewer.ui;

import com.radrelay.archive.StudySummary;
import com.radrelay.tenancy.TenantId;
import com.radrelay.viewer.ViewerDoor;
import com.radrelay.workflow.StudyUid;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A zero-footprint diagnostic viewer (our {@code rr-viewer} element over Cornerstone3D): stack scrolling (wheel,
 * arrow keys, cine), window/level by drag and presets, zoom, pan, length, angle and ROI (mean and SD in HU), a
 * thumbnail per series, 1x1, 1x2 or 2x2 panes (a prior study of the patient beside the current one, or several
 * series at once) and MPR (axial, sagittal and coronal planes of one series), loading the slice in view first and
 * then outward through the reader's session door.
 */
@Tag("rr-viewer")
@JsModule("./rr-viewer.js")
@NpmPackage(value = "@cornerstonejs/core", version = "5.14.0")
@NpmPackage(value = "@cornerstonejs/tools", version = "5.14.0")
@NpmPackage(value = "@cornerstonejs/dicom-image-loader", version = "5.14.0")
// Cornerstone's vtk.js dependency needs Node's "events" in the browser (see ../shared/STACK.md, Q6).
@NpmPackage(value = "events", version = "3.3.0")
public class StudyViewer extends Component {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> NOT_IMAGES = List.of("SR", "DOC", "KO", "PR", "SEG");

    /** A study the viewer offers: the one being read first, then the patient's priors, newest first. */
    public record Viewable(StudySummary study, List<StudySummary.Series> series) {
    }

    public StudyViewer(TenantId clinic, List<Viewable> studies) {
        List<StudyChoice> choices = studies.stream().map(v -> new StudyChoice(
                ViewerDoor.base(clinic, new StudyUid(v.study().studyUid())),
                (v == studies.getFirst() ? "" : "PRIOR ") + StudySummary.readableDate(v.study().studyDate()),
                v.series().stream()
                        .filter(s -> s.modality() == null || !NOT_IMAGES.contains(s.modality()))
                        .map(s -> new SeriesChoice(s.seriesUid(), (s.number() == null ? "" : s.number() + " · ")
                                + (s.description() == null ? s.modality() : s.description()) + " (" + s.instances()
                                + ")"))
                        .toList())).toList();
        getElement().setProperty("studiesJson", JSON.writeValueAsString(choices));
    }

    private record StudyChoice(String door, String label, List<SeriesChoice> series) {
    }

    private record SeriesChoice(String uid, String label) {
    }
}
