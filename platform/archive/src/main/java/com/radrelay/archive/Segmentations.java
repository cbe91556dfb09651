package com.radrelay.archive;

import static com.radrelay.archive.DerivedObjects.code;
import static com.radrelay.archive.DerivedObjects.uid;

import com.radrelay.archive.AiResultObjects.AiMask;
import com.radrelay.archive.AiResultObjects.MaskFrame;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;

/**
 * A model's mask as binary DICOM Segmentations (PS3.3 A.51): one segment, one frame per image frame that holds part
 * of the mask, each frame pointing at its source image and placed where that image is, so any SEG-aware viewer lays
 * it over the right slice. A Segmentation's frames share one size, so images of different sizes get an instance
 * each. The segment's codes are the vendor's own (scheme 99RADRELAY): a model's mask is what its manifest says, not a
 * coded anatomy or finding.
 */
final class Segmentations {

    private static final String SCHEME = "99RADRELAY";
    private static final int SERIES_NUMBER = 9101;

    private Segmentations() {
    }

    /** The Segmentation data sets for a mask, given each source image's metadata. */
    static List<Attributes> of(AiMask mask, Map<StoredInstance, Attributes> sources) {
        Map<String, List<MaskFrame>> bySize = new LinkedHashMap<>();
        for (MaskFrame f : mask.frames()) {
            Attributes src = sources.get(f.source());
            bySize.computeIfAbsent(src.getInt(Tag.Rows, 0) + "x" + src.getInt(Tag.Columns, 0),
                    size -> new ArrayList<>()).add(f);
        }
        List<Attributes> segs = new ArrayList<>();
        int instance = 0;
        for (List<MaskFrame> frames : bySize.values()) {
            segs.add(segmentation(mask, frames, sources, ++instance));
        }
        return segs;
    }

    private static Attributes segmentation(AiMask mask, List<MaskFrame> frames, Map<StoredInstance, Attributes> sources,
            int instance) {
        Attributes first = sources.get(frames.getFirst().source());
        int rows = first.getInt(Tag.Rows, 0);
        int columns = first.getInt(Tag.Columns, 0);
        Attributes seg = new Attributes();
        seg.addSelected(first, DerivedObjects.STUDY_TAGS);
        seg.setString(Tag.SOPClassUID, VR.UI, UID.SegmentationStorage);
        seg.setString(Tag.SOPInstanceUID, VR.UI, uid(mask.runId(), 10 + instance));
        seg.setString(Tag.SeriesInstanceUID, VR.UI, uid(mask.runId(), 3));
        seg.setString(Tag.Modality, VR.CS, "SEG");
        seg.setInt(Tag.SeriesNumber, VR.IS, SERIES_NUMBER);
        seg.setString(Tag.SeriesDescription, VR.LO, "AI mask: " + mask.modelTitle());
        seg.setInt(Tag.InstanceNumber, VR.IS, instance);
        seg.setString(Tag.Manufacturer, VR.LO, mask.vendor());
        seg.setString(Tag.ManufacturerModelName, VR.LO, mask.modelName());
        seg.setString(Tag.DeviceSerialNumber, VR.LO, mask.modelName() + "@" + mask.modelVersion());
        seg.setString(Tag.SoftwareVersions, VR.LO, mask.modelVersion());
        if (first.containsValue(Tag.FrameOfReferenceUID)) {
            seg.setString(Tag.FrameOfReferenceUID, VR.UI, first.getString(Tag.FrameOfReferenceUID));
            seg.setString(Tag.PositionReferenceIndicator, VR.LO, first.getString(Tag.PositionReferenceIndicator, ""));
        }
        seg.setDate(Tag.ContentDateAndTime, Date.from(mask.at()));
        seg.setDate(Tag.InstanceCreationDateAndTime, Date.from(mask.at()));
        seg.setString(Tag.TimezoneOffsetFromUTC, VR.SH, "+0000");
        seg.setString(Tag.ImageType, VR.CS, "DERIVED", "PRIMARY");
        seg.setString(Tag.ContentLabel, VR.CS, "AI_MASK");
        seg.setString(Tag.ContentDescription, VR.LO, mask.label());
        seg.setString(Tag.ContentCreatorName, VR.PN, "");
        seg.setString(Tag.SegmentationType, VR.CS, "BINARY");
        seg.setString(Tag.LossyImageCompression, VR.CS, "00");
        seg.setInt(Tag.SamplesPerPixel, VR.US, 1);
        seg.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        seg.setInt(Tag.Rows, VR.US, rows);
        seg.setInt(Tag.Columns, VR.US, columns);
        seg.setInt(Tag.BitsAllocated, VR.US, 1);
        seg.setInt(Tag.BitsStored, VR.US, 1);
        seg.setInt(Tag.HighBit, VR.US, 0);
        seg.setInt(Tag.PixelRepresentation, VR.US, 0);
        seg.setInt(Tag.NumberOfFrames, VR.IS, frames.size());
        seg.newSequence(Tag.SegmentSequence, 1).add(segment(mask));

        boolean positioned = frames.stream().allMatch(f -> sources.get(f.source()).containsValue(
                Tag.ImagePositionPatient));
        String organisation = uid(mask.runId(), 4);
        Attributes organisationItem = new Attributes();
        organisationItem.setString(Tag.DimensionOrganizationUID, VR.UI, organisation);
        seg.newSequence(Tag.DimensionOrganizationSequence, 1).add(organisationItem);
        Sequence dimensions = seg.newSequence(Tag.DimensionIndexSequence, 2);
        dimensions.add(dimension(organisation, Tag.ReferencedSegmentNumber, Tag.SegmentIdentificationSequence));
        if (positioned) {
            dimensions.add(dimension(organisation, Tag.ImagePositionPatient, Tag.PlanePositionSequence));
        }

        Sequence perFrame = seg.newSequence(Tag.PerFrameFunctionalGroupsSequence, frames.size());
        Sequence referenced = seg.newSequence(Tag.ReferencedSeriesSequence, 1);
        Map<String, Sequence> referencedBySeries = new LinkedHashMap<>();
        // Frames go out one after another bit by bit (PS3.5 8.1.1: no padding between frames of one bit).
        byte[] pixels = new byte[(int) (((long) rows * columns * frames.size() + 7) / 8)];
        long bit = 0;
        for (int k = 0; k < frames.size(); k++) {
            MaskFrame f = frames.get(k);
            Attributes src = sources.get(f.source());
            perFrame.add(frameGroups(f, src, positioned ? new int[] {1, k + 1} : new int[] {1}));
            Sequence sops = referencedBySeries.computeIfAbsent(f.source().series().value(), series -> {
                Attributes item = new Attributes();
                item.setString(Tag.SeriesInstanceUID, VR.UI, series);
                referenced.add(item);
                return item.newSequence(Tag.ReferencedInstanceSequence, frames.size());
            });
            if (sops.stream().noneMatch(i -> f.source().sop().value().equals(i.getString(
                    Tag.ReferencedSOPInstanceUID)))) {
                sops.add(reference(f.source()));
            }
            for (int y = 0; y < rows; y++) {
                int my = (int) ((long) y * mask.height() / rows);
                for (int x = 0; x < columns; x++, bit++) {
                    int mx = (int) ((long) x * mask.width() / columns);
                    if (f.pixels().get(my * mask.width() + mx)) {
                        pixels[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
                    }
                }
            }
        }
        seg.setBytes(Tag.PixelData, VR.OB, pixels);
        return seg;
    }

    private static Attributes segment(AiMask mask) {
        // An LO value holds at most 64 characters.
        String label = mask.label().length() > 64 ? mask.label().substring(0, 64) : mask.label();
        Attributes segment = new Attributes();
        segment.setInt(Tag.SegmentNumber, VR.US, 1);
        segment.setString(Tag.SegmentLabel, VR.LO, label);
        segment.setString(Tag.SegmentAlgorithmType, VR.CS, "AUTOMATIC");
        segment.setString(Tag.SegmentAlgorithmName, VR.LO, mask.modelName() + " " + mask.modelVersion());
        segment.newSequence(Tag.SegmentedPropertyCategoryCodeSequence, 1).add(code("ai-mask", SCHEME,
                "AI model mask"));
        segment.newSequence(Tag.SegmentedPropertyTypeCodeSequence, 1).add(code(mask.output(), SCHEME, label));
        // Red, in CIELab scaled to 0..65535 as the standard asks.
        segment.setInt(Tag.RecommendedDisplayCIELabValue, VR.US, 34885, 53485, 50171);
        return segment;
    }

    private static Attributes dimension(String organisation, int pointer, int group) {
        Attributes item = new Attributes();
        item.setString(Tag.DimensionOrganizationUID, VR.UI, organisation);
        item.setInt(Tag.DimensionIndexPointer, VR.AT, pointer);
        item.setInt(Tag.FunctionalGroupPointer, VR.AT, group);
        return item;
    }

    private static Attributes frameGroups(MaskFrame f, Attributes src, int[] index) {
        Attributes groups = new Attributes();
        Attributes derivation = new Attributes();
        derivation.newSequence(Tag.DerivationCodeSequence, 1).add(code("113076", "DCM", "Segmentation"));
        Attributes source = reference(f.source());
        if (f.source().numberOfFrames() > 1) {
            source.setInt(Tag.ReferencedFrameNumber, VR.IS, f.frame());
        }
        source.newSequence(Tag.PurposeOfReferenceCodeSequence, 1).add(code("121322", "DCM",
                "Source image for image processing operation"));
        derivation.newSequence(Tag.SourceImageSequence, 1).add(source);
        groups.newSequence(Tag.DerivationImageSequence, 1).add(derivation);
        Attributes content = new Attributes();
        content.setInt(Tag.DimensionIndexValues, VR.UL, index);
        groups.newSequence(Tag.FrameContentSequence, 1).add(content);
        Attributes segment = new Attributes();
        segment.setInt(Tag.ReferencedSegmentNumber, VR.US, 1);
        groups.newSequence(Tag.SegmentIdentificationSequence, 1).add(segment);
        if (src.containsValue(Tag.ImagePositionPatient)) {
            Attributes position = new Attributes();
            position.setString(Tag.ImagePositionPatient, VR.DS, src.getStrings(Tag.ImagePositionPatient));
            groups.newSequence(Tag.PlanePositionSequence, 1).add(position);
        }
        if (src.containsValue(Tag.ImageOrientationPatient)) {
            Attributes orientation = new Attributes();
            orientation.setString(Tag.ImageOrientationPatient, VR.DS, src.getStrings(Tag.ImageOrientationPatient));
            groups.newSequence(Tag.PlaneOrientationSequence, 1).add(orientation);
        }
        if (src.containsValue(Tag.PixelSpacing)) {
            Attributes measures = new Attributes();
            measures.setString(Tag.PixelSpacing, VR.DS, src.getStrings(Tag.PixelSpacing));
            measures.setString(Tag.SliceThickness, VR.DS, src.getString(Tag.SliceThickness, "1"));
            groups.newSequence(Tag.PixelMeasuresSequence, 1).add(measures);
        }
        return groups;
    }

    private static Attributes reference(StoredInstance instance) {
        Attributes item = new Attributes();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, instance.sopClassUid());
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, instance.sop().value());
        return item;
    }
}
