package com.radrelay.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;

/** Test studies in domain words, written as DICOM Part-10 files that third-party tools can send. */
public final class Studies {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

    private Studies() {
    }

    /** A fresh UID under a test root, unique across runs. */
    public static String uid() {
        return "2.25." + Long.toUnsignedString(SEQUENCE.incrementAndGet()) + Math.abs(new Random().nextInt(1000));
    }

    /** An axial CT series of {@code slices} images of rows x columns, 16-bit signed. */
    public static Study ct(Path dir, String patientName, String patientId, int slices, int rows, int columns)
            throws IOException {
        String study = uid();
        String series = uid();
        List<Path> files = new ArrayList<>();
        Random random = new Random(slices);
        for (int i = 1; i <= slices; i++) {
            Attributes ds = base(UID.CTImageStorage, study, series, "CT", patientName, patientId);
            ds.setInt(Tag.InstanceNumber, VR.IS, i);
            ds.setString(Tag.ImagePositionPatient, VR.DS, "0", "0", Integer.toString(i * 2));
            pixels(ds, rows, columns, 16, 1, random);
            ds.setInt(Tag.PixelRepresentation, VR.US, 1);
            files.add(write(dir, ds));
        }
        return new Study(study, series, files);
    }

    /** A single CR image. */
    public static Study cr(Path dir, String patientName, String patientId, String studyDate) throws IOException {
        String study = uid();
        String series = uid();
        Attributes ds = base(UID.ComputedRadiographyImageStorage, study, series, "CR", patientName, patientId);
        ds.setString(Tag.StudyDate, VR.DA, studyDate);
        pixels(ds, 256, 256, 16, 1, new Random(7));
        return new Study(study, series, List.of(write(dir, ds)));
    }

    public static Attributes base(String sopClass, String study, String series, String modality, String patientName,
            String patientId) {
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, uid());
        ds.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.PatientName, VR.PN, patientName);
        ds.setString(Tag.PatientID, VR.LO, patientId);
        ds.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tag.PatientSex, VR.CS, "F");
        ds.setString(Tag.StudyDate, VR.DA, "20261120");
        ds.setString(Tag.StudyTime, VR.TM, "101500");
        ds.setString(Tag.AccessionNumber, VR.SH, "ACC" + Math.abs(study.hashCode() % 100000));
        ds.setString(Tag.StudyDescription, VR.LO, modality + " test study");
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        return ds;
    }

    public static void pixels(Attributes ds, int rows, int columns, int bits, int frames, Random random) {
        ds.setInt(Tag.Rows, VR.US, rows);
        ds.setInt(Tag.Columns, VR.US, columns);
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.BitsAllocated, VR.US, bits);
        ds.setInt(Tag.BitsStored, VR.US, bits == 16 ? 12 : 8);
        ds.setInt(Tag.HighBit, VR.US, bits == 16 ? 11 : 7);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        if (frames > 1) {
            ds.setInt(Tag.NumberOfFrames, VR.IS, frames);
        }
        byte[] data = new byte[rows * columns * (bits / 8) * frames];
        random.nextBytes(data);
        if (bits == 16) {
            // Keep within 12 bits stored so lossless codecs accept the data.
            for (int i = 1; i < data.length; i += 2) {
                data[i] &= 0x0f;
            }
        }
        ds.setBytes(Tag.PixelData, bits == 16 ? VR.OW : VR.OB, data);
    }

    public static Path write(Path dir, Attributes ds) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(ds.getString(Tag.SOPInstanceUID) + ".dcm");
        try (DicomOutputStream out = new DicomOutputStream(file.toFile())) {
            out.writeDataset(ds.createFileMetaInformation(UID.ExplicitVRLittleEndian), ds);
        }
        return file;
    }

    /** A study as files on disk. */
    public record Study(String studyUid, String seriesUid, List<Path> files) {

        public Path dir() {
            return files.getFirst().getParent();
        }
    }
}
