package com.radrelay.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.dcm4che3.io.DicomOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dcm4cheSmokeTests {

    @Test
    void writesAndReadsBackAPart10File(@TempDir Path dir) throws Exception {
        Attributes data = new Attributes();
        data.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        data.setString(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.1");
        data.setString(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1");
        data.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        data.setString(Tag.PatientName, VR.PN, "Müller^Zoë");
        data.setInt(Tag.Rows, VR.US, 2);
        data.setInt(Tag.Columns, VR.US, 2);
        data.setBytes(Tag.PixelData, VR.OW, new byte[] {1, 0, 2, 0, 3, 0, 4, 0});
        Path file = dir.resolve("ct.dcm");
        try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
            out.writeDataset(data.createFileMetaInformation(UID.ExplicitVRLittleEndian), data);
        }

        try (DicomInputStream in = new DicomInputStream(file.toFile())) {
            Attributes read = in.readDataset();
            assertThat(in.getFileMetaInformation().getString(Tag.TransferSyntaxUID)).isEqualTo(UID.ExplicitVRLittleEndian);
            assertThat(read.getString(Tag.PatientName)).isEqualTo("Müller^Zoë");
            assertThat(read.getString(Tag.SOPClassUID)).isEqualTo(UID.CTImageStorage);
            assertThat(read.getBytes(Tag.PixelData)).containsExactly(1, 0, 2, 0, 3, 0, 4, 0);
        }
        assertThat(Files.size(file)).isGreaterThan(132);
    }
}
