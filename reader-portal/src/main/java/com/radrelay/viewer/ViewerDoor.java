package com.radrelay.viewer;

import com.radrelay.archive.StoredInstance;
import com.radrelay.archive.StudyArchive;
import com.radrelay.archive.StudyOverlays;
import com.radrelay.archive.StudySummary;
import com.radrelay.audit.ReadAudit;
import com.radrelay.security.Role;
import com.radrelay.security.SessionEndpoint;
import com.radrelay.security.SignedInUser;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import com.radrelay.workflow.Uids;
import com.radrelay.worklist.Worklist;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer's way to the images: WADO-RS-shaped metadata and frames under {@value #PATH}, open to a radiologist's
 * signed-in session for the study they hold a claim on and that patient's prior studies at the same clinic, and to
 * nobody else (no clinic token in the browser); and the study's masks and regions as overlays. Each read is audited
 * ({@link ReadAudit}).
 * Frames go out as stored, cacheable by the browser: the viewer decodes the uncompressed and lossless compressed
 * syntaxes exactly (ViewerTransferSyntaxesIT). Lossy 12-bit JPEG it draws inexactly, and the server has no decoder
 * for it to transcode with.
 */
@RestController
public class ViewerDoor {

    public static final String PATH = "/reader-door";
    private static final String DOOR = "viewer";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StudyArchive archive;
    private final StudyOverlays overlays;
    private final Worklist worklist;
    private final ReadAudit audit;

    ViewerDoor(StudyArchive archive, StudyOverlays overlays, Worklist worklist, ReadAudit audit) {
        this.archive = archive;
        this.overlays = overlays;
        this.worklist = worklist;
        this.audit = audit;
    }

    @Bean
    static SessionEndpoint viewerDoorEndpoint() {
        return new SessionEndpoint(PATH + "/**", Set.of(Role.RADIOLOGIST));
    }

    /** Where the viewer of a study finds its series: {@code <base>/series/{series}/...}. */
    public static String base(TenantId clinic, StudyUid study) {
        return PATH + "/" + clinic.value() + "/studies/" + study.value();
    }

    @GetMapping(PATH + "/{clinic}/studies/{study}/series/{series}/metadata")
    void metadata(@AuthenticationPrincipal SignedInUser reader, @PathVariable String clinic,
            @PathVariable String study, @PathVariable String series, HttpServletResponse response) throws IOException {
        Optional<Target> target = target(reader, clinic, study, series);
        if (target.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Target t = target.get();
        List<StoredInstance> instances = archive.seriesInOrder(t.clinic(), t.study(), t.series());
        audit.accessed(t.clinic(), reader.username(), DOOR, t.study().value(), instances.size());
        response.setContentType("application/dicom+json");
        response.setHeader("Cache-Control", "private, no-store");
        String json = instances.stream().map(archive::metadataJson).collect(Collectors.joining(",", "[", "]"));
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(PATH + "/{clinic}/studies/{study}/series/{series}/instances/{sop}/frames/{frame}")
    void frame(@AuthenticationPrincipal SignedInUser reader, @PathVariable String clinic, @PathVariable String study,
            @PathVariable String series, @PathVariable String sop, @PathVariable int frame,
            HttpServletResponse response) throws IOException {
        Optional<Target> target = target(reader, clinic, study, series);
        Optional<StoredInstance> instance = target.filter(t -> Uids.valid(sop)).flatMap(t -> archive.instances(
                t.clinic(), t.study(), t.series(), new SopInstanceUid(sop)).stream().findFirst());
        if (instance.isEmpty() || frame < 1 || frame > instance.get().numberOfFrames()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        audit.transferred(instance.get().tenant(), reader.username(), DOOR, study, 1);
        response.setContentType("application/octet-stream; transfer-syntax=" + instance.get().transferSyntax());
        // Stored frames never change; the browser keeps them for this reader only, for the rest of the reading.
        response.setHeader("Cache-Control", "private, max-age=3600");
        try (InputStream in = archive.frame(instance.get(), frame); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /**
     * The study's binary segmentations and the image regions of its structured reports (an AI model's masks and
     * boxes, or any sent with the study) for the viewer to lay over their images; {@code []} when there are none.
     */
    @GetMapping(PATH + "/{clinic}/studies/{study}/overlays")
    void overlayList(@AuthenticationPrincipal SignedInUser reader, @PathVariable String clinic,
            @PathVariable String study, HttpServletResponse response) throws IOException {
        Optional<Target> target = target(reader, clinic, study, null);
        if (target.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Target t = target.get();
        List<StudyOverlays.Overlay> found = overlays.of(t.clinic(), t.study());
        audit.accessed(t.clinic(), reader.username(), DOOR, t.study().value(), (int) found.stream()
                .map(StudyOverlays.Overlay::series).distinct().count());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "private, no-store");
        JSON.writeValue(response.getOutputStream(), found);
    }

    /** The study (and series, if named) when this reader may view it. */
    private Optional<Target> target(@Nullable SignedInUser reader, String clinic, String study,
            @Nullable String series) {
        if (reader == null || !Uids.valid(study) || (series != null && !Uids.valid(series))) {
            return Optional.empty();
        }
        try {
            Target t = new Target(new TenantId(UUID.fromString(clinic)), new StudyUid(study),
                    series == null ? null : new SeriesUid(series));
            return mayView(reader, t.clinic(), t.study()) ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The study held, or a prior of the same patient (same patient ID) at the same clinic. */
    private boolean mayView(SignedInUser reader, TenantId clinic, StudyUid study) {
        List<StudyUid> held = worklist.readingAt(reader.id(), clinic);
        if (held.contains(study)) {
            return true;
        }
        Optional<String> patient = archive.study(clinic, study).map(StudySummary::patientId);
        return patient.isPresent() && held.stream().anyMatch(h -> archive.study(clinic, h)
                .map(StudySummary::patientId).equals(patient));
    }

    private record Target(TenantId clinic, StudyUid study, @Nullable SeriesUid series) {
    }
}
