package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.storage.ObjectKey;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SeriesUid;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.junit.jupiter.api.Test;

class SegmentationsTests {

    private static final TenantId CLINIC = new TenantId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-0000000000f1");

    @Test
    void aMaskBecomesABinarySegmentationScaledToItsImagesAndPointingAtThem() throws Exception {
        StoredInstance first = image(1, "1.2.3.1");
        StoredInstance second = image(2, "1.2.3.2");
        Map<StoredInstance, Attributes> sources = new LinkedHashMap<>();
        sources.put(first, metadata(first, 8, 8, "0\\0\\10"));
        sources.put(second, metadata(second, 8, 8, "0\\0\\15"));
        // At the model's 4x4: the top-left pixel on the first image, the bottom-right one on the second.
        BitSet topLeft = new BitSet();
        topLeft.set(0);
        BitSet bottomRight = new BitSet();
        bottomRight.set(15);

        List<Attributes> segs = Segmentations.of(mask(4, 4, List.of(new AiResultObjects.MaskFrame(first, 1, topLeft),
                new AiResultObjects.MaskFrame(second, 1, bottomRight))), sources);

        assertThat(segs).hasSize(1);
        Attributes seg = segs.getFirst();
        assertThat(seg.getString(Tag.SOPClassUID)).isEqualTo(UID.SegmentationStorage);
        assertThat(seg.getString(Tag.Modality)).isEqualTo("SEG");
        assertThat(seg.getString(Tag.SegmentationType)).isEqualTo("BINARY");
        assertThat(seg.getString(Tag.StudyInstanceUID)).isEqualTo("1.2.3");
        assertThat(seg.getString(Tag.FrameOfReferenceUID)).isEqualTo("1.2.3.9");
        assertThat(seg.getInt(Tag.Rows, 0)).isEqualTo(8);
        assertThat(seg.getInt(Tag.NumberOfFrames, 0)).isEqualTo(2);
        assertThat(seg.getInt(Tag.BitsAllocated, 0)).isEqualTo(1);
        Attributes segment = seg.getNestedDataset(Tag.SegmentSequence);
        assertThat(segment.getString(Tag.SegmentAlgorithmType)).isEqualTo("AUTOMATIC");
        assertThat(segment.getString(Tag.SegmentAlgorithmName)).isEqualTo("head-ct 3");
        assertThat(segment.getString(Tag.SegmentLabel)).isEqualTo("Voxels at 50-90 HU");

        var frames = seg.getSequence(Tag.PerFrameFunctionalGroupsSequence);
        assertThat(frames).hasSize(2);
        Attributes source = frames.get(1).getNestedDataset(Tag.DerivationImageSequence)
                .getNestedDataset(Tag.SourceImageSequence);
        assertThat(source.getString(Tag.ReferencedSOPInstanceUID)).isEqualTo("1.2.3.2");
        assertThat(frames.get(1).getNestedDataset(Tag.PlanePositionSequence).getStrings(Tag.ImagePositionPatient))
                .containsExactly("0", "0", "15");
        assertThat(frames.get(1).getNestedDataset(Tag.FrameContentSequence).getInts(Tag.DimensionIndexValues))
                .containsExactly(1, 2);

        // Each model pixel covers 2x2 image pixels; frames follow each other bit by bit.
        byte[] bits = seg.getBytes(Tag.PixelData);
        assertThat(bits).hasSize(16);
        BitSet all = BitSet.valueOf(bits);
        assertThat(all.stream().toArray()).containsExactly(0, 1, 8, 9, 64 + 54, 64 + 55, 64 + 62, 64 + 63);
    }

    @Test
    void imagesOfDifferentSizesGetAnInstanceEach() throws Exception {
        StoredInstance small = image(1, "1.2.3.1");
        StoredInstance large = image(2, "1.2.3.2");
        Map<StoredInstance, Attributes> sources = new LinkedHashMap<>();
        sources.put(small, metadata(small, 4, 4, null));
        sources.put(large, metadata(large, 8, 8, null));
        BitSet one = new BitSet();
        one.set(5);

        List<Attributes> segs = Segmentations.of(mask(4, 4, List.of(new AiResultObjects.MaskFrame(small, 1, one),
                new AiResultObjects.MaskFrame(large, 1, one))), sources);

        assertThat(segs).extracting(s -> s.getInt(Tag.Rows, 0)).containsExactly(4, 8);
        assertThat(segs).extracting(s -> s.getString(Tag.SOPInstanceUID)).doesNotHaveDuplicates();
        assertThat(segs).extracting(s -> s.getString(Tag.SeriesInstanceUID)).containsOnly(segs.getFirst()
                .getString(Tag.SeriesInstanceUID));
        // Without positions the frames are indexed by segment alone.
        assertThat(segs.getFirst().getSequence(Tag.DimensionIndexSequence)).hasSize(1);
        assertThat(BitSet.valueOf(segs.getFirst().getBytes(Tag.PixelData)).stream().toArray()).containsExactly(5);
        // Part 10 round trip: the data set is writable as it is.
        assertThat(DerivedObjects.partTen(segs.get(1))).isNotEmpty();
    }

    private static AiResultObjects.AiMask mask(int width, int height, List<AiResultObjects.MaskFrame> frames) {
        return new AiResultObjects.AiMask(RUN, "Head CT (demo)", "head-ct", "3", "Acme", "blood_mask",
                "Voxels at 50-90 HU", width, height, frames, Instant.parse("2026-12-06T10:00:00Z"));
    }

    private static StoredInstance image(long pk, String sop) {
        return new StoredInstance(pk, CLINIC, new StudyUid("1.2.3"), new SeriesUid("1.2.3.0"),
                new SopInstanceUid(sop), UID.CTImageStorage, UID.ExplicitVRLittleEndian, (int) pk, 1, 100,
                new ObjectKey(CLINIC, "instances/" + sop), null, null, null, null, null);
    }

    private static Attributes metadata(StoredInstance instance, int rows, int columns, String position) {
        Attributes ds = new Attributes();
        ds.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3");
        ds.setString(Tag.PatientID, VR.LO, "P1");
        ds.setString(Tag.SOPInstanceUID, VR.UI, instance.sop().value());
        ds.setString(Tag.FrameOfReferenceUID, VR.UI, "1.2.3.9");
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        if (position != null) {
            ds.setString(Tag.ImagePositionPatient, VR.DS, position.split("\\\\"));
            ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
            ds.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.5");
        }
        return ds;
    }
}
