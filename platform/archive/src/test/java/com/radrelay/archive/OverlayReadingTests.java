package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.junit.jupiter.api.Test;

class OverlayReadingTests {

    @Test
    void framesOfOneBitThatDoNotEndOnAByteAreCutApartAndEachSegmentIsAnOverlay() {
        // Two 3 x 3 frames: frame 2 starts at bit 9, in the second byte.
        Attributes seg = segmentation(3, 3);
        BitSet bits = new BitSet();
        bits.set(4);      // frame 1, centre
        bits.set(9 + 8);  // frame 2, bottom right
        seg.setBytes(Tag.PixelData, VR.OB, Arrays.copyOf(bits.toByteArray(), 3));
        Sequence frames = seg.newSequence(Tag.PerFrameFunctionalGroupsSequence, 2);
        frames.add(frame("1.2.3.1", 1));
        frames.add(frame("1.2.3.2", 2));

        assertThat(OverlayReading.isBinarySegmentation(seg)).isTrue();
        List<StudyOverlays.Overlay> overlays = OverlayReading.of(seg);

        assertThat(overlays).extracting(StudyOverlays.Overlay::label).containsExactly("Lesion", "Oedema");
        StudyOverlays.Mask first = overlays.getFirst().masks().getFirst();
        assertThat(first.sop()).isEqualTo("1.2.3.1");
        assertThat(BitSet.valueOf(Base64.getDecoder().decode(first.bits())).stream().toArray()).containsExactly(4);
        StudyOverlays.Mask second = overlays.get(1).masks().getFirst();
        assertThat(second.sop()).isEqualTo("1.2.3.2");
        byte[] packed = Base64.getDecoder().decode(second.bits());
        assertThat(packed).hasSize(2);
        assertThat(BitSet.valueOf(packed).stream().toArray()).containsExactly(8);
    }

    @Test
    void pixelDataShorterThanItsFramesGivesNoOverlay() {
        Attributes seg = segmentation(64, 64);
        seg.setBytes(Tag.PixelData, VR.OB, new byte[16]);
        seg.newSequence(Tag.PerFrameFunctionalGroupsSequence, 1).add(frame("1.2.3.1", 1));

        assertThat(OverlayReading.of(seg)).isEmpty();
    }

    private static Attributes segmentation(int rows, int columns) {
        Attributes seg = new Attributes();
        seg.setString(Tag.SOPClassUID, VR.UI, UID.SegmentationStorage);
        seg.setString(Tag.SegmentationType, VR.CS, "BINARY");
        seg.setInt(Tag.BitsAllocated, VR.US, 1);
        seg.setInt(Tag.Rows, VR.US, rows);
        seg.setInt(Tag.Columns, VR.US, columns);
        Sequence segments = seg.newSequence(Tag.SegmentSequence, 2);
        segments.add(segment(1, "Lesion"));
        segments.add(segment(2, "Oedema"));
        return seg;
    }

    private static Attributes segment(int number, String label) {
        Attributes segment = new Attributes();
        segment.setInt(Tag.SegmentNumber, VR.US, number);
        segment.setString(Tag.SegmentLabel, VR.LO, label);
        return segment;
    }

    private static Attributes frame(String sop, int segment) {
        Attributes source = new Attributes();
        source.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sop);
        Attributes derivation = new Attributes();
        derivation.newSequence(Tag.SourceImageSequence, 1).add(source);
        Attributes groups = new Attributes();
        groups.newSequence(Tag.DerivationImageSequence, 1).add(derivation);
        Attributes identification = new Attributes();
        identification.setInt(Tag.ReferencedSegmentNumber, VR.US, segment);
        groups.newSequence(Tag.SegmentIdentificationSequence, 1).add(identification);
        return groups;
    }
}
