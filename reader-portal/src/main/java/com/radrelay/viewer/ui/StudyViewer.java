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
 * arrow keys, cine), window/level by drag and presets, zoom, pan, length, angle and ROI (mean and SD in HU), one
 * series at a time, loading the slice in view first and then outward through the reader's session door.
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

    /** The series a viewer offers, image series first. */
    public StudyViewer(TenantId clinic, StudyUid study, List<StudySummary.Series> series) {
        getElement().setProperty("door", ViewerDoor.base(clinic, study));
        List<SeriesChoice> choices = series.stream()
                .filter(s -> s.modality() == null || !List.of("SR", "DOC", "KO", "PR").contains(s.modality()))
                .map(s -> new SeriesChoice(s.seriesUid(), (s.number() == null ? "" : s.number() + " · ")
                        + (s.description() == null ? s.modality() : s.description()) + " (" + s.instances() + ")"))
                .toList();
        getElement().setProperty("seriesJson", JSON.writeValueAsString(choices));
    }

    private record SeriesChoice(String uid, String label) {
    }
}
