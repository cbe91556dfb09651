package com.radrelay.archive;

import static com.radrelay.archive.DerivedObjects.code;
import static com.radrelay.archive.DerivedObjects.partTen;
import static com.radrelay.archive.DerivedObjects.text;
import static com.radrelay.archive.DerivedObjects.uid;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An AI model's result as a DICOM Comprehensive SR in the clinic's own study, shaped after TID 1500 (Measurement
 * Report): the algorithm and its version as observation context, the measurements, the boxes it drew (image
 * regions) and its classification (the class it chose as a coded finding, every class's score), the findings as text, and the images it read as evidence. It stays UNVERIFIED: no person has confirmed
 * it. Its UIDs derive from the run's id, so storing one result twice stores it once. A model's mask goes into the
 * study as a DICOM Segmentation. The viewer overlays both.
 */
@Service
public class AiResultObjects {

    private static final String SCHEME = "99RADRELAY";

    private final StudyArchive archive;

    AiResultObjects(StudyArchive archive) {
        this.archive = archive;
    }

    /**
     * What a model said of a study, in plain values; its regions' coordinates are in pixel edges of the model's
     * {@code planeWidth x planeHeight} input plane.
     */
    public record AiResult(UUID runId, String modelTitle, String modelName, String modelVersion, String vendor,
            List<Measurement> measurements, List<String> findings, List<StoredInstance> evidence, int planeWidth,
            int planeHeight, List<Region> regions, @Nullable Classification classification, Instant at) {
    }

    /**
     * How a model classified the study: what it classifies ({@code label}), the class it chose, and every class's
     * score (code and label from the vendor's output contract).
     */
    public record Classification(String label, Measurement chosen, List<Measurement> scores) {
    }

    /** A box a model drew on one frame of an image, with its score. */
    public record Region(String label, StoredInstance source, int frame, double x0, double y0, double x1, double y1,
            double score) {
    }

    /** One number a model produced; {@code code} names it in the vendor's output contract. */
    public record Measurement(String code, String label, double value, String unit) {
    }

    /**
     * A mask a model drew, at the model's own plane size ({@code width x height}, row by row): per image frame it
     * read, which pixels belong to it. {@code output} names the mask in the vendor's output contract.
     */
    public record AiMask(UUID runId, String modelTitle, String modelName, String modelVersion, String vendor,
            String output, String label, int width, int height, List<MaskFrame> frames, Instant at) {
    }

    /** The mask on one frame of one image; frames without any pixel of the mask are left out. */
    public record MaskFrame(StoredInstance source, int frame, BitSet pixels) {
    }

    /**
     * Stores a mask as a binary DICOM Segmentation in the study, scaled to its images' own size, one instance per
     * image size. Like the SR, its UIDs derive from the run's id.
     */
    public List<StoreResult> storeMask(TenantId clinic, StudyUid study, AiMask mask) {
        List<StoredInstance> sources = mask.frames().stream().map(MaskFrame::source).distinct().toList();
        Map<StoredInstance, Attributes> metadata = new LinkedHashMap<>();
        List<Attributes> read = archive.metadata(sources);
        for (int i = 0; i < sources.size(); i++) {
            metadata.put(sources.get(i), read.get(i));
        }
        List<StoreResult> stored = new ArrayList<>();
        for (Attributes seg : Segmentations.of(mask, metadata)) {
            stored.add(archive.store(new StoreRequest.File(clinic, new ByteArrayInputStream(partTen(seg)),
                    "ai:" + mask.modelName() + "@" + mask.modelVersion(), study)));
        }
        return stored;
    }

    public StoreResult store(TenantId clinic, StudyUid study, AiResult result) {
        if (result.evidence().isEmpty()) {
            throw new IllegalArgumentException("an AI result names the images it read");
        }
        Attributes from = archive.metadata(List.of(result.evidence().getFirst())).getFirst();
        Attributes sr = new Attributes();
        sr.addSelected(from, DerivedObjects.STUDY_TAGS);
        sr.setString(Tag.SOPClassUID, VR.UI, UID.ComprehensiveSRStorage);
        sr.setString(Tag.SOPInstanceUID, VR.UI, uid(result.runId(), 2));
        sr.setString(Tag.SeriesInstanceUID, VR.UI, uid(result.runId(), 1));
        sr.setString(Tag.Modality, VR.CS, "SR");
        sr.setInt(Tag.SeriesNumber, VR.IS, 9100);
        sr.setString(Tag.SeriesDescription, VR.LO, "AI: " + result.modelTitle());
        sr.setInt(Tag.InstanceNumber, VR.IS, 1);
        sr.setString(Tag.Manufacturer, VR.LO, result.vendor());
        sr.setString(Tag.ManufacturerModelName, VR.LO, result.modelName());
        sr.setString(Tag.SoftwareVersions, VR.LO, result.modelVersion());
        sr.setDate(Tag.ContentDateAndTime, Date.from(result.at()));
        sr.setDate(Tag.InstanceCreationDateAndTime, Date.from(result.at()));
        sr.setString(Tag.TimezoneOffsetFromUTC, VR.SH, "+0000");
        sr.setString(Tag.ValueType, VR.CS, "CONTAINER");
        sr.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("126000", "DCM", "Imaging Measurement Report"));
        Attributes template = new Attributes();
        template.setString(Tag.MappingResource, VR.CS, "DCMR");
        template.setString(Tag.TemplateIdentifier, VR.CS, "1500");
        sr.newSequence(Tag.ContentTemplateSequence, 1).add(template);
        sr.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        sr.setString(Tag.CompletionFlag, VR.CS, "COMPLETE");
        sr.setString(Tag.VerificationFlag, VR.CS, "UNVERIFIED");
        sr.newSequence(Tag.PerformedProcedureCodeSequence, 0);
        sr.newSequence(Tag.CurrentRequestedProcedureEvidenceSequence, 1).add(evidence(study, result.evidence()));

        Sequence content = sr.newSequence(Tag.ContentSequence, 4);
        content.add(text("HAS OBS CONTEXT", code("111001", "DCM", "Algorithm Name"), result.modelName()));
        content.add(text("HAS OBS CONTEXT", code("111003", "DCM", "Algorithm Version"), result.modelVersion()));
        Attributes measurements = new Attributes();
        measurements.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        measurements.setString(Tag.ValueType, VR.CS, "CONTAINER");
        measurements.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("126010", "DCM", "Imaging Measurements"));
        measurements.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        Sequence numbers = measurements.newSequence(Tag.ContentSequence, result.measurements().size()
                + result.regions().size() + 1);
        for (Measurement m : result.measurements()) {
            numbers.add(number(m));
        }
        List<StoredInstance> boxed = result.regions().stream().map(Region::source).distinct().toList();
        List<Attributes> boxedMetadata = archive.metadata(boxed);
        for (int i = 0; i < result.regions().size(); i++) {
            Region r = result.regions().get(i);
            numbers.add(region(result, r, boxedMetadata.get(boxed.indexOf(r.source())), i + 1));
        }
        if (result.classification() != null) {
            numbers.add(classification(result, result.classification()));
        }
        content.add(measurements);
        for (String finding : result.findings()) {
            content.add(text("CONTAINS", code("121071", "DCM", "Finding"), finding));
        }
        return archive.store(new StoreRequest.File(clinic, new ByteArrayInputStream(partTen(sr)),
                "ai:" + result.modelName() + "@" + result.modelVersion(), study));
    }

    private static Attributes evidence(StudyUid study, List<StoredInstance> instances) {
        Map<String, Sequence> bySeries = new LinkedHashMap<>();
        Attributes studyItem = new Attributes();
        studyItem.setString(Tag.StudyInstanceUID, VR.UI, study.value());
        Sequence series = studyItem.newSequence(Tag.ReferencedSeriesSequence, 1);
        for (StoredInstance i : instances) {
            Sequence sops = bySeries.computeIfAbsent(i.series().value(), uid -> {
                Attributes item = new Attributes();
                item.setString(Tag.SeriesInstanceUID, VR.UI, uid);
                series.add(item);
                return item.newSequence(Tag.ReferencedSOPSequence, instances.size());
            });
            Attributes sop = new Attributes();
            sop.setString(Tag.ReferencedSOPClassUID, VR.UI, i.sopClassUid());
            sop.setString(Tag.ReferencedSOPInstanceUID, VR.UI, i.sop().value());
            sops.add(sop);
        }
        return studyItem;
    }

    /**
     * A box as a TID 1410-shaped measurement group: its label as tracking identifier, the image region as a closed
     * polyline in the source image's pixel coordinates, the image it lies on, and the model's score.
     */
    private static Attributes region(AiResult result, Region r, Attributes source, int number) {
        double sx = (double) source.getInt(Tag.Columns, result.planeWidth()) / result.planeWidth();
        double sy = (double) source.getInt(Tag.Rows, result.planeHeight()) / result.planeHeight();
        float x0 = (float) (r.x0() * sx);
        float y0 = (float) (r.y0() * sy);
        float x1 = (float) (r.x1() * sx);
        float y1 = (float) (r.y1() * sy);
        Attributes group = new Attributes();
        group.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        group.setString(Tag.ValueType, VR.CS, "CONTAINER");
        group.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("125007", "DCM", "Measurement Group"));
        group.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        Sequence items = group.newSequence(Tag.ContentSequence, 4);
        items.add(text("HAS OBS CONTEXT", code("112039", "DCM", "Tracking Identifier"), r.label()));
        Attributes uid = new Attributes();
        uid.setString(Tag.RelationshipType, VR.CS, "HAS OBS CONTEXT");
        uid.setString(Tag.ValueType, VR.CS, "UIDREF");
        uid.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("112040", "DCM", "Tracking Unique Identifier"));
        uid.setString(Tag.UID, VR.UI, DerivedObjects.uid(result.runId(), 100 + number));
        items.add(uid);
        Attributes scoord = new Attributes();
        scoord.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        scoord.setString(Tag.ValueType, VR.CS, "SCOORD");
        scoord.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("111030", "DCM", "Image Region"));
        scoord.setString(Tag.GraphicType, VR.CS, "POLYLINE");
        scoord.setFloat(Tag.GraphicData, VR.FL, x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
        Attributes image = new Attributes();
        image.setString(Tag.RelationshipType, VR.CS, "SELECTED FROM");
        image.setString(Tag.ValueType, VR.CS, "IMAGE");
        Attributes sop = new Attributes();
        sop.setString(Tag.ReferencedSOPClassUID, VR.UI, r.source().sopClassUid());
        sop.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.source().sop().value());
        if (r.source().numberOfFrames() > 1) {
            sop.setInt(Tag.ReferencedFrameNumber, VR.IS, r.frame());
        }
        image.newSequence(Tag.ReferencedSOPSequence, 1).add(sop);
        scoord.newSequence(Tag.ContentSequence, 1).add(image);
        items.add(scoord);
        items.add(number(new Measurement("score", r.label() + " score", r.score(), "1")));
        return group;
    }

    /**
     * A classification as a TID 1501-shaped measurement group: what is classified as tracking identifier, the chosen
     * class as a coded Finding, and each class's score.
     */
    private static Attributes classification(AiResult result, Classification c) {
        Attributes group = new Attributes();
        group.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        group.setString(Tag.ValueType, VR.CS, "CONTAINER");
        group.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("125007", "DCM", "Measurement Group"));
        group.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        Sequence items = group.newSequence(Tag.ContentSequence, 3 + c.scores().size());
        items.add(text("HAS OBS CONTEXT", code("112039", "DCM", "Tracking Identifier"), c.label()));
        Attributes uid = new Attributes();
        uid.setString(Tag.RelationshipType, VR.CS, "HAS OBS CONTEXT");
        uid.setString(Tag.ValueType, VR.CS, "UIDREF");
        uid.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("112040", "DCM", "Tracking Unique Identifier"));
        uid.setString(Tag.UID, VR.UI, DerivedObjects.uid(result.runId(), 100));
        items.add(uid);
        Attributes finding = new Attributes();
        finding.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        finding.setString(Tag.ValueType, VR.CS, "CODE");
        finding.newSequence(Tag.ConceptNameCodeSequence, 1).add(code("121071", "DCM", "Finding"));
        finding.newSequence(Tag.ConceptCodeSequence, 1).add(code(c.chosen().code(), SCHEME, c.chosen().label()));
        items.add(finding);
        for (Measurement score : c.scores()) {
            items.add(number(score));
        }
        return group;
    }

    private static Attributes number(Measurement m) {
        Attributes item = new Attributes();
        item.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
        item.setString(Tag.ValueType, VR.CS, "NUM");
        item.newSequence(Tag.ConceptNameCodeSequence, 1).add(code(m.code(), SCHEME, m.label()));
        Attributes value = new Attributes();
        value.setString(Tag.NumericValue, VR.DS, decimal(m.value()));
        value.newSequence(Tag.MeasurementUnitsCodeSequence, 1).add(code(m.unit(), "UCUM", m.unit()));
        item.newSequence(Tag.MeasuredValueSequence, 1).add(value);
        return item;
    }

    /** A DS value holds at most 16 characters. */
    private static String decimal(double value) {
        String text = Double.toString(value);
        return text.length() <= 16 ? text : String.format(Locale.ROOT, "%.10g", value).strip();
    }
}
