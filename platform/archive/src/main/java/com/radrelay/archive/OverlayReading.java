package com.radrelay.archive;

import com.radrelay.archive.StudyOverlays.Mask;
import com.radrelay.archive.StudyOverlays.Overlay;
import com.radrelay.archive.StudyOverlays.Region;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a viewer lays over images from stored objects: the masks of a binary DICOM Segmentation, one overlay per segment (per frame,
 * the image and frame it was drawn on, and its pixels packed one bit each, row by row, least significant bit first),
 * and the image regions of a structured report's measurement groups (TID 1410, such as an AI model's boxes), one
 * overlay per tracking identifier. Fractional segmentations and anything without an image to lie on are left out:
 * the viewer could not place them.
 */
final class OverlayReading {

    private OverlayReading() {
    }

    static boolean isBinarySegmentation(Attributes ds) {
        return UID.SegmentationStorage.equals(ds.getString(Tag.SOPClassUID))
                && "BINARY".equals(ds.getString(Tag.SegmentationType)) && ds.getInt(Tag.BitsAllocated, 0) == 1;
    }

    static List<Overlay> of(Attributes seg) {
        int rows = seg.getInt(Tag.Rows, 0);
        int columns = seg.getInt(Tag.Columns, 0);
        Sequence frames = seg.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        byte[] pixels = seg.getSafeBytes(Tag.PixelData);
        if (pixels == null || frames == null || (long) rows * columns * frames.size() > (long) pixels.length * 8) {
            return List.of();
        }
        int size = rows * columns;
        BitSet all = BitSet.valueOf(pixels);
        Map<Integer, List<Mask>> bySegment = new TreeMap<>();
        for (int k = 0; k < frames.size(); k++) {
            Attributes derivation = frames.get(k).getNestedDataset(Tag.DerivationImageSequence);
            Attributes source = derivation == null ? null : derivation.getNestedDataset(Tag.SourceImageSequence);
            if (source == null || !source.containsValue(Tag.ReferencedSOPInstanceUID)) {
                continue;
            }
            // Frames of one bit follow each other without padding; each goes out on its own bytes.
            BitSet frame = all.get(k * size, (k + 1) * size);
            byte[] packed = new byte[(size + 7) / 8];
            byte[] set = frame.toByteArray();
            System.arraycopy(set, 0, packed, 0, Math.min(set.length, packed.length));
            Attributes segment = frames.get(k).getNestedDataset(Tag.SegmentIdentificationSequence);
            bySegment.computeIfAbsent(segment == null ? 1 : segment.getInt(Tag.ReferencedSegmentNumber, 1),
                    n -> new ArrayList<>()).add(new Mask(source.getString(Tag.ReferencedSOPInstanceUID),
                            source.getInt(Tag.ReferencedFrameNumber, 1), rows, columns,
                            Base64.getEncoder().encodeToString(packed)));
        }
        Map<Integer, Attributes> segments = new HashMap<>();
        Sequence described = seg.getSequence(Tag.SegmentSequence);
        for (int i = 0; described != null && i < described.size(); i++) {
            segments.put(described.get(i).getInt(Tag.SegmentNumber, i + 1), described.get(i));
        }
        List<Overlay> overlays = new ArrayList<>();
        bySegment.forEach((number, masks) -> {
            Attributes segment = segments.getOrDefault(number, new Attributes());
            overlays.add(new Overlay(seg.getString(Tag.SeriesInstanceUID, ""), segment.getString(Tag.SegmentLabel,
                    seg.getString(Tag.ContentDescription, "Segment " + number)),
                    segment.getString(Tag.SegmentAlgorithmName, ""), masks, List.of()));
        });
        return overlays;
    }

    /** The SR classes whose content tree may hold image regions (SCOORD, not SCOORD3D). */
    static final Set<String> STRUCTURED_REPORTS = Set.of(UID.ComprehensiveSRStorage, UID.EnhancedSRStorage);

    static boolean isStructuredReport(Attributes ds) {
        return STRUCTURED_REPORTS.contains(ds.getString(Tag.SOPClassUID));
    }

    /** The image regions of a structured report's measurement groups, an overlay per tracking identifier. */
    static List<Overlay> regionsOf(Attributes sr) {
        String algorithm = (text(sr, "111001") + " " + text(sr, "111003")).strip();
        Map<String, List<Region>> byLabel = new LinkedHashMap<>();
        groups(sr.getSequence(Tag.ContentSequence), byLabel);
        List<Overlay> overlays = new ArrayList<>();
        byLabel.forEach((label, regions) -> overlays.add(new Overlay(sr.getString(Tag.SeriesInstanceUID, ""), label,
                algorithm, List.of(), regions)));
        return overlays;
    }

    private static void groups(@Nullable Sequence items, Map<String, List<Region>> byLabel) {
        if (items == null) {
            return;
        }
        for (Attributes item : items) {
            if ("CONTAINER".equals(item.getString(Tag.ValueType)) && "125007".equals(concept(item))) {
                String label = text(item, "112039");
                Sequence content = item.getSequence(Tag.ContentSequence);
                for (Attributes scoord : content == null ? List.<Attributes>of() : content) {
                    Region region = region(scoord);
                    if (region != null) {
                        byLabel.computeIfAbsent(label.isEmpty() ? "Region" : label, l -> new ArrayList<>())
                                .add(region);
                    }
                }
            } else if ("CONTAINER".equals(item.getString(Tag.ValueType))) {
                groups(item.getSequence(Tag.ContentSequence), byLabel);
            }
        }
    }

    private static @Nullable Region region(Attributes scoord) {
        if (!"SCOORD".equals(scoord.getString(Tag.ValueType))) {
            return null;
        }
        float[] points = scoord.getFloats(Tag.GraphicData);
        Sequence children = scoord.getSequence(Tag.ContentSequence);
        if (points == null || points.length < 2 || points.length % 2 != 0 || children == null) {
            return null;
        }
        for (Attributes child : children) {
            Attributes sop = child.getNestedDataset(Tag.ReferencedSOPSequence);
            if ("IMAGE".equals(child.getString(Tag.ValueType)) && sop != null
                    && sop.containsValue(Tag.ReferencedSOPInstanceUID)) {
                return new Region(sop.getString(Tag.ReferencedSOPInstanceUID), sop.getInt(Tag.ReferencedFrameNumber, 1),
                        points);
            }
        }
        return null;
    }

    /** The text of the first TEXT item directly in {@code item} named by a DCM code, else "". */
    private static String text(Attributes item, String code) {
        Sequence content = item.getSequence(Tag.ContentSequence);
        if (content != null) {
            for (Attributes child : content) {
                if (code.equals(concept(child)) && child.containsValue(Tag.TextValue)) {
                    return child.getString(Tag.TextValue);
                }
            }
        }
        return "";
    }

    private static @Nullable String concept(Attributes item) {
        Attributes name = item.getNestedDataset(Tag.ConceptNameCodeSequence);
        return name == null ? null : name.getString(Tag.CodeValue);
    }
}
