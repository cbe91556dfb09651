package com.radrelay.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import com.radrelay.testing.IntegrationTest;
import com.radrelay.testing.Studies;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One instance cannot take the memory every clinic shares: a huge declared length, a deflate bomb and frames larger
 * than any image are refused with "Out of Resources" (A700) before anything is allocated, and say why.
 */
@IntegrationTest
class InstanceLimitsTests {

    private static final byte[] MARKER = "RADRELAY-LIMITS!".getBytes();

    @Autowired StudyArchive archive;
    @Autowired TenantDirectory directory;

    Tenant clinic;

    @BeforeEach
    void aClinic() {
        clinic = Clinics.ruralClinic(directory);
    }

    @Test
    void anElementDeclaringGigabytesIsRefusedBeforeItIsRead() throws IOException {
        Attributes ds = ct(8, 8);
        ds.setString(0x00090010, VR.LO, "RADRELAY TEST");
        ds.setBytes(0x00091010, VR.OB, MARKER);
        byte[] file = part10(ds, UID.ExplicitVRLittleEndian);
        int at = indexOf(file, MARKER);
        ByteBuffer.wrap(file, at - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xF0000000);

        assertThat(store(file)).isInstanceOfSatisfying(StoreResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(0xA700);
            assertThat(r.reason()).isEqualTo("(0009,1010): 4026531840 bytes, over the 128 MB instance limit");
        });
    }

    @Test
    void aDeflatedInstanceThatInflatesBeyondTheLimitIsRefused() throws IOException {
        // 256 MB of zero pixels deflate to about a quarter of a megabyte.
        Attributes ds = ct(8, 8);
        ds.setInt(Tag.Rows, VR.US, 8192);
        ds.setInt(Tag.Columns, VR.US, 8192);
        ds.setInt(Tag.NumberOfFrames, VR.IS, 2);
        ds.remove(Tag.PixelData);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dos = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dos.writeFileMetaInformation(ds.createFileMetaInformation(UID.DeflatedExplicitVRLittleEndian));
        }
        long pixels = 8192L * 8192 * 2 * 2;
        DeflaterOutputStream deflated = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED, true));
        try (DicomOutputStream dos = new DicomOutputStream(deflated, UID.ExplicitVRLittleEndian)) {
            dos.writeDataset(null, ds);
            dos.writeHeader(Tag.PixelData, VR.OW, (int) pixels);
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < pixels; written += zeros.length) {
                dos.write(zeros);
            }
        }
        assertThat(store(out.toByteArray())).isInstanceOfSatisfying(StoreResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(0xA700);
            assertThat(r.reason()).isEqualTo("(7FE0,0010): 268435456 bytes, over the 128 MB instance limit");
        });
    }

    @Test
    void aFrameLargerThanAnyImageIsRefusedBeforeADecoderAllocatesIt() throws IOException {
        Attributes ds = ct(8, 8);
        ds.setInt(Tag.Rows, VR.US, 60000);
        ds.setInt(Tag.Columns, VR.US, 60000);
        ds.remove(Tag.PixelData);
        org.dcm4che3.data.Fragments frags = ds.newFragments(Tag.PixelData, VR.OB, 2);
        frags.add(new byte[0]);
        frags.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        assertThat(store(part10(ds, UID.JPEGLossless))).isInstanceOfSatisfying(StoreResult.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(0xA700);
            assertThat(r.reason()).isEqualTo("a 60000 x 60000 frame is over the 16384 rows/columns limit");
        });
    }

    @Test
    void aNumberOfFramesThatIsNoCountIsRefused() throws IOException {
        Attributes ds = ct(8, 8);
        ds.setString(Tag.NumberOfFrames, VR.IS, "-3");
        assertThat(store(part10(ds, UID.ExplicitVRLittleEndian)))
                .isInstanceOfSatisfying(StoreResult.Rejected.class, r ->
                        assertThat(r.reason()).isEqualTo("Number of Frames '-3' is not a count"));
    }

    @Test
    void anOrdinaryImageBesideThemIsStored() throws IOException {
        assertThat(store(part10(ct(64, 64), UID.ExplicitVRLittleEndian))).isInstanceOf(StoreResult.Stored.class);
    }

    private static Attributes ct(int rows, int columns) {
        Attributes ds = Studies.base(UID.CTImageStorage, Studies.uid(), Studies.uid(), "CT", "Limits^Test", "KE-LIM");
        Studies.pixels(ds, rows, columns, 16, 1, new Random(7));
        return ds;
    }

    private static byte[] part10(Attributes ds, String ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dos = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dos.writeDataset(ds.createFileMetaInformation(ts), ds);
        }
        return out.toByteArray();
    }

    private StoreResult store(byte[] file) throws IOException {
        try (InputStream in = new ByteArrayInputStream(file)) {
            return archive.store(new StoreRequest.File(clinic.id(), in, "test", null));
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i <= data.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("marker not found");
    }
}
