package com.radrelay.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomOutputStream;

/** What the objects RadRelay itself makes for a study (report SR and PDF, AI result SR) are built from. */
final class DerivedObjects {

    /** The patient and study attributes a derived object copies from the study's images. */
    static final int[] STUDY_TAGS = {Tag.SpecificCharacterSet, Tag.PatientName, Tag.PatientID,
        Tag.IssuerOfPatientID, Tag.PatientBirthDate, Tag.PatientSex, Tag.StudyInstanceUID, Tag.StudyDate,
        Tag.StudyTime, Tag.ReferringPhysicianName, Tag.StudyID, Tag.AccessionNumber, Tag.StudyDescription};

    private DerivedObjects() {
    }

    static Attributes code(String value, String scheme, String meaning) {
        Attributes code = new Attributes();
        code.setString(Tag.CodeValue, VR.SH, value);
        code.setString(Tag.CodingSchemeDesignator, VR.SH, scheme);
        code.setString(Tag.CodeMeaning, VR.LO, meaning);
        return code;
    }

    /** A TEXT content item of an SR. */
    static Attributes text(String relationship, Attributes concept, String value) {
        Attributes item = new Attributes();
        item.setString(Tag.RelationshipType, VR.CS, relationship);
        item.setString(Tag.ValueType, VR.CS, "TEXT");
        item.newSequence(Tag.ConceptNameCodeSequence, 1).add(concept);
        item.setString(Tag.TextValue, VR.UT, value);
        return item;
    }

    /** A UID under the 2.25 root from an id and a part number (series, instance, ...): the same each time. */
    static String uid(UUID id, int part) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits() ^ part);
        return "2.25." + new BigInteger(1, bytes.array());
    }

    /** The data set as a Part-10 file in Explicit VR Little Endian. */
    static byte[] partTen(Attributes ds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomOutputStream dicom = new DicomOutputStream(out, UID.ExplicitVRLittleEndian)) {
            dicom.writeDataset(ds.createFileMetaInformation(UID.ExplicitVRLittleEndian), ds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
