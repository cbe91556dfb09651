package com.radrelay.ingest.photo;

import com.radrelay.ingest.ClinicalPhotos;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;
import org.dcm4che3.util.UIDUtils;

/** The DICOM VL Photographic Image objects of one visit: one series, one instance per photo. */
public final class PhotoObjects {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final ClinicalPhotos.Visit visit;
    private final StudyUid study;
    private final String series = UIDUtils.createUID();
    private int number;

    public PhotoObjects(ClinicalPhotos.Visit visit) {
        this.visit = visit;
        this.study = visit.intoStudy() != null ? visit.intoStudy() : new StudyUid(UIDUtils.createUID());
    }

    public StudyUid study() {
        return study;
    }

    /** The next photo as a DICOM Part-10 file (JPEG Baseline transfer syntax). */
    public byte[] next(byte[] camera) {
        Jpeg jpeg = Jpeg.forDicom(camera);
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.VLPhotographicImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, UIDUtils.createUID());
        ds.setString(Tag.StudyInstanceUID, VR.UI, study.value());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.Modality, VR.CS, "XC");
        ClinicalPhotos.Patient p = visit.patient();
        ds.setString(Tag.PatientName, VR.PN, p.familyName().strip() + "^" + p.givenName().strip());
        ds.setString(Tag.PatientID, VR.LO, p.patientId().strip());
        if (p.birthDate() != null) {
            ds.setString(Tag.PatientBirthDate, VR.DA, p.birthDate());
        }
        if (p.sex() != null) {
            ds.setString(Tag.PatientSex, VR.CS, p.sex());
        }
        ds.setString(Tag.StudyDate, VR.DA, DA.format(visit.at()));
        ds.setString(Tag.StudyTime, VR.TM, TM.format(visit.at()));
        ds.setString(Tag.ContentDate, VR.DA, DA.format(visit.at()));
        ds.setString(Tag.ContentTime, VR.TM, TM.format(visit.at()));
        ds.setString(Tag.StudyDescription, VR.LO, "Clinical photographs");
        ds.setString(Tag.SeriesDescription, VR.LO, "Photos: " + visit.site().meaning());
        ds.setString(Tag.BodyPartExamined, VR.CS, bodyPart(visit.site().meaning()));
        ds.setNull(Tag.AccessionNumber, VR.SH);
        ds.setNull(Tag.ReferringPhysicianName, VR.PN);
        ds.setNull(Tag.StudyID, VR.SH);
        ds.setInt(Tag.SeriesNumber, VR.IS, 1);
        ds.setInt(Tag.InstanceNumber, VR.IS, ++number);
        ds.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        ds.setString(Tag.Manufacturer, VR.LO, "RadRelay clinical photos");
        Attributes region = new Attributes();
        region.setString(Tag.CodeValue, VR.SH, visit.site().code());
        region.setString(Tag.CodingSchemeDesignator, VR.SH, "SCT");
        region.setString(Tag.CodeMeaning, VR.LO, visit.site().meaning());
        ds.newSequence(Tag.AnatomicRegionSequence, 1).add(region);
        if (!visit.note().isBlank()) {
            ds.setString(Tag.ImageComments, VR.LT, visit.note().strip());
        }
        ds.setInt(Tag.Rows, VR.US, jpeg.height());
        ds.setInt(Tag.Columns, VR.US, jpeg.width());
        ds.setInt(Tag.SamplesPerPixel, VR.US, jpeg.components());
        ds.setString(Tag.PhotometricInterpretation, VR.CS, jpeg.components() == 3 ? "YBR_FULL_422" : "MONOCHROME2");
        if (jpeg.components() == 3) {
            ds.setInt(Tag.PlanarConfiguration, VR.US, 0);
        }
        ds.setInt(Tag.BitsAllocated, VR.US, 8);
        ds.setInt(Tag.BitsStored, VR.US, 8);
        ds.setInt(Tag.HighBit, VR.US, 7);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        ds.setString(Tag.LossyImageCompression, VR.CS, "01");
        ds.setString(Tag.LossyImageCompressionMethod, VR.CS, "ISO_10918_1");
        Fragments pixels = ds.newFragments(Tag.PixelData, VR.OB, 2);
        pixels.add(new byte[0]);
        byte[] data = jpeg.bytes();
        pixels.add(data.length % 2 == 0 ? data : Arrays.copyOf(data, data.length + 1));
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 4096);
        try (DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dicom.writeDataset(ds.createFileMetaInformation(UID.JPEGBaseline8Bit), ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The DICOM Body Part Examined term nearest to a site (CS: upper case, no spaces). */
    static String bodyPart(String site) {
        String s = site.toUpperCase(java.util.Locale.ROOT);
        for (String[] term : new String[][] {{"EYE", "EYE"}, {"FACE", "FACE"}, {"HEAD", "HEAD"}, {"SCALP", "HEAD"},
            {"NECK", "NECK"}, {"CHEST", "CHEST"}, {"BREAST", "BREAST"}, {"ABDOMEN", "ABDOMEN"}, {"BACK", "BACK"},
            {"ARM", "ARM"}, {"HAND", "HAND"}, {"LEG", "LEG"}, {"KNEE", "KNEE"}, {"FOOT", "FOOT"}}) {
            if (s.contains(term[0])) {
                return term[1];
            }
        }
        return "SKIN";
    }
}
