package com.radrelay.archive;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.springframework.stereotype.Service;

/**
 * What a viewer lays over a study's images, in plain values: the masks of its binary DICOM Segmentations and the
 * image regions of its Comprehensive and Enhanced SRs (an AI model's masks and boxes, or any sent with the study).
 */
@Service
public class StudyOverlays {


    private final StudyArchive archive;

    StudyOverlays(StudyArchive archive) {
        this.archive = archive;
    }

    /**
     * One segment, or one kind of region: the series it is stored in, its label, the algorithm that drew it (blank
     * if drawn by hand), and its masks or regions by source frame.
     */
    public record Overlay(String series, String label, String algorithm, List<Mask> masks, List<Region> regions) {
    }

    /** A mask on one source frame: its pixels one bit each, row by row, least significant bit first, in base64. */
    public record Mask(String sop, int frame, int rows, int columns, String bits) {
    }

    /** A region on one source frame: a polyline's points (x, y in pixel edges of that image). */
    public record Region(String sop, int frame, float[] points) {
    }

    public List<Overlay> of(TenantId clinic, StudyUid study) throws IOException {
        List<Overlay> overlays = new ArrayList<>();
        for (StoredInstance instance : archive.instances(clinic, study, null, null)) {
            if (!UID.SegmentationStorage.equals(instance.sopClassUid())
                    && !OverlayReading.STRUCTURED_REPORTS.contains(instance.sopClassUid())) {
                continue;
            }
            Attributes ds;
            try (DicomInputStream in = new DicomInputStream(archive.open(instance))) {
                ds = in.readDataset();
            }
            overlays.addAll(OverlayReading.isBinarySegmentation(ds) ? OverlayReading.of(ds)
                    : OverlayReading.isStructuredReport(ds) ? OverlayReading.regionsOf(ds) : List.of());
        }
        return overlays;
    }
}
