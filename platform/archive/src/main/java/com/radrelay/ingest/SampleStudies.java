package com.radrelay.ingest;

import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.StudyArchive;
import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.springframework.stereotype.Service;

/**
 * Synthetic studies for a clinic with nothing in it yet (the demo profile): a CT head phantom with real Hounsfield
 * units and a chest radiograph, stored through the archive's one store path like any upload. Fictional patients;
 * UIDs derived from the clinic, so storing them again stores nothing new.
 */
@Service
public class SampleStudies {

    private final StudyArchive archive;

    SampleStudies(StudyArchive archive) {
        this.archive = archive;
    }

    /**
     * The studies stored: the CT head first, then the chest radiograph. The CT's patient also has a prior CT head
     * of a year before (without the bleed), for comparison side by side.
     */
    public List<StudyUid> storeInto(TenantId clinic) {
        ctHead(clinic, "ct-head-prior", "20251120", "CT HEAD PLAIN", 20, false);
        return List.of(ctHead(clinic, "ct-head", "20261204", "CT HEAD WITHOUT CONTRAST", 40, true), chest(clinic));
    }

    private StudyUid ctHead(TenantId clinic, String name, String date, String description, int slices,
            boolean bleed) {
        String study = uid(clinic, name + "-study");
        String series = uid(clinic, name + "-series");
        int size = 256;
        double thickness = 200.0 / slices;
        for (int z = 0; z < slices; z++) {
            Attributes ds = base(UID.CTImageStorage, study, series, uid(clinic, name + "-" + z), "CT",
                    "MWANGI^JOSEPH", "LRC-004211", "19680312", "M", description, "HEAD");
            ds.setString(Tag.StudyDate, VR.DA, date);
            ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
            ds.setInt(Tag.InstanceNumber, VR.IS, z + 1);
            ds.setString(Tag.ImagePositionPatient, VR.DS, "-115.2", "-115.2", Double.toString(z * thickness));
            ds.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
            ds.setString(Tag.PixelSpacing, VR.DS, "0.9", "0.9");
            ds.setString(Tag.SliceThickness, VR.DS, Double.toString(thickness));
            ds.setString(Tag.RescaleIntercept, VR.DS, "-1024");
            ds.setString(Tag.RescaleSlope, VR.DS, "1");
            ds.setString(Tag.WindowCenter, VR.DS, "40");
            ds.setString(Tag.WindowWidth, VR.DS, "80");
            short[] hu = new short[size * size];
            // A head narrowing towards the vertex: scalp, skull, brain, two ventricles, and a small bleed.
            // Positions in the head as a fraction of its height, so that priors with fewer slices match.
            double level = z * 40.0 / slices;
            double scale = Math.sqrt(Math.max(0.05, 1 - Math.pow((level - 14.0) / 26.0, 2)));
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double dx = (x - 128) / (95.0 * scale);
                    double dy = (y - 128) / (115.0 * scale);
                    double r = Math.sqrt(dx * dx + dy * dy);
                    int value = -1000;
                    if (r < 1.0) {
                        value = 30;
                    }
                    if (r < 0.95) {
                        value = 900;
                    }
                    if (r < 0.88) {
                        value = 35 + ((x * 7 + y * 13 + (int) level) % 9) - 4;
                    }
                    double vx = Math.abs(x - 128) - 14;
                    double vy = (y - 120) / 2.2;
                    if (level > 12 && level < 26 && r < 0.88 && vx > 0 && vx * vx + vy * vy < 120) {
                        value = 5;
                    }
                    if (bleed && level > 16 && level < 22 && Math.hypot(x - 175, y - 100) < 9) {
                        value = 70;
                    }
                    hu[y * size + x] = (short) (value + 1024);
                }
            }
            pixels(ds, size, size, hu);
            store(clinic, ds);
        }
        return new StudyUid(study);
    }

    private StudyUid chest(TenantId clinic) {
        String study = uid(clinic, "cr-chest-study");
        int size = 512;
        Attributes ds = base(UID.ComputedRadiographyImageStorage, study, uid(clinic, "cr-chest-series"),
                uid(clinic, "cr-chest-1"), "CR", "ACHIENG^MARY", "LRC-007730", "19900704", "F", "CHEST PA", "CHEST");
        ds.setString(Tag.ViewPosition, VR.CS, "PA");
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setString(Tag.ImagerPixelSpacing, VR.DS, "0.7", "0.7");
        ds.setString(Tag.WindowCenter, VR.DS, "2048");
        ds.setString(Tag.WindowWidth, VR.DS, "4096");
        short[] values = new short[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double body = Math.abs(x - 256) < 220 && y > 30 ? 2600 : 300;
                boolean lung = Math.hypot((x - 160) / 80.0, (y - 250) / 170.0) < 1
                        || Math.hypot((x - 352) / 80.0, (y - 250) / 170.0) < 1;
                double value = lung ? 900 : body;
                if (Math.hypot((x - 280) / 70.0, (y - 330) / 90.0) < 1) {
                    value = 2900;
                }
                if (lung && ((y + Math.abs(x - 256) / 3) % 38) < 6) {
                    value += 700;
                }
                values[y * size + x] = (short) Math.min(4095, value + ((x * 31 + y * 17) % 40));
            }
        }
        pixels(ds, size, size, values);
        store(clinic, ds);
        return new StudyUid(study);
    }

    private static Attributes base(String sopClass, String study, String series, String sop, String modality,
            String patientName, String patientId, String birthDate, String sex, String description, String bodyPart) {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.PatientName, VR.PN, patientName);
        ds.setString(Tag.PatientID, VR.LO, patientId);
        ds.setString(Tag.PatientBirthDate, VR.DA, birthDate);
        ds.setString(Tag.PatientSex, VR.CS, sex);
        ds.setString(Tag.StudyDate, VR.DA, "20261204");
        ds.setString(Tag.StudyTime, VR.TM, "091500");
        ds.setString(Tag.AccessionNumber, VR.SH, "DEMO" + Math.abs(study.hashCode() % 100000));
        ds.setString(Tag.StudyDescription, VR.LO, description);
        ds.setString(Tag.SeriesDescription, VR.LO, description);
        ds.setString(Tag.BodyPartExamined, VR.CS, bodyPart);
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        ds.setString(Tag.Manufacturer, VR.LO, "RadRelay sample");
        return ds;
    }

    private static void pixels(Attributes ds, int rows, int columns, short[] values) {
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(values);
        ds.setBytes(Tag.PixelData, VR.OW, bytes.array());
    }

    private void store(TenantId clinic, Attributes ds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dicom.writeDataset(ds.createFileMetaInformation(UID.ExplicitVRLittleEndian), ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoreResult result = archive.store(new StoreRequest.File(clinic, new ByteArrayInputStream(out.toByteArray()),
                "sample:demo", null));
        if (result instanceof StoreResult.Rejected || result instanceof StoreResult.Failed) {
            throw new IllegalStateException("a sample instance was not stored: " + result);
        }
    }

    private static String uid(TenantId clinic, String name) {
        UUID id = UUID.nameUUIDFromBytes((clinic.value() + "/" + name).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, bytes.array());
    }
}
