package com.radrelay.viewer;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;

/**
 * The masks of a binary DICOM Segmentation as the viewer lays them over images, one overlay per segment: per frame,
 * the image (and frame) it was drawn on and its pixels packed one bit each, row by row, least significant bit first.
 * Fractional segmentations and frames without a source image are left out: the viewer could not place them.
 */
final class AiOverlays {

    /** One segment: its label, the algorithm that drew it (blank if drawn by hand), and a mask per source frame. */
    record Overlay(String label, String algorithm, List<Mask> masks) {
    }

    /** A mask on one source frame; {@code bits} in base64. */
    record Mask(String sop, int frame, int rows, int columns, String bits) {
    }

    private AiOverlays() {
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
            overlays.add(new Overlay(segment.getString(Tag.SegmentLabel, seg.getString(Tag.ContentDescription,
                    "Segment " + number)), segment.getString(Tag.SegmentAlgorithmName, ""), masks));
        });
        return overlays;
    }
}
