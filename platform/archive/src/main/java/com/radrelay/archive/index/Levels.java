package com.radrelay.archive.index;

import java.util.Arrays;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;

/** Which attributes of an instance describe its patient and study, and which its series. */
public final class Levels {

    private static final int[] STUDY = sorted(
            Tag.SpecificCharacterSet, Tag.TimezoneOffsetFromUTC,
            Tag.PatientName, Tag.PatientID, Tag.IssuerOfPatientID, Tag.IssuerOfPatientIDQualifiersSequence,
            Tag.PatientBirthDate, Tag.PatientBirthTime, Tag.PatientSex, Tag.OtherPatientIDsSequence,
            Tag.OtherPatientNames, Tag.PatientAge, Tag.PatientSize, Tag.PatientWeight, Tag.EthnicGroup,
            Tag.PatientComments, Tag.PatientSpeciesDescription, Tag.PatientBreedDescription,
            Tag.ResponsiblePerson, Tag.ResponsibleOrganization,
            Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.ReferringPhysicianName, Tag.StudyID,
            Tag.AccessionNumber, Tag.IssuerOfAccessionNumberSequence, Tag.StudyDescription,
            Tag.ProcedureCodeSequence, Tag.NameOfPhysiciansReadingStudy, Tag.AdmittingDiagnosesDescription,
            Tag.AdditionalPatientHistory, Tag.ReasonForPerformedProcedureCodeSequence,
            Tag.RequestingPhysician, Tag.RequestedProcedureDescription);

    private static final int[] SERIES = sorted(
            Tag.SpecificCharacterSet, Tag.TimezoneOffsetFromUTC,
            Tag.Modality, Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.SeriesDescription, Tag.SeriesDate,
            Tag.SeriesTime, Tag.BodyPartExamined, Tag.Laterality, Tag.PerformedProcedureStepStartDate,
            Tag.PerformedProcedureStepStartTime, Tag.PerformedProcedureStepID, Tag.ProtocolName,
            Tag.OperatorsName, Tag.PerformingPhysicianName, Tag.InstitutionName, Tag.InstitutionalDepartmentName,
            Tag.StationName, Tag.Manufacturer, Tag.ManufacturerModelName, Tag.RequestAttributesSequence,
            Tag.FrameOfReferenceUID);

    private Levels() {
    }

    public static Attributes study(Attributes instance) {
        return new Attributes(instance, STUDY);
    }

    public static Attributes series(Attributes instance) {
        return new Attributes(instance, SERIES);
    }

    private static int[] sorted(int... tags) {
        int[] copy = tags.clone();
        // Tags compare as unsigned values.
        Integer[] boxed = Arrays.stream(copy).boxed().toArray(Integer[]::new);
        Arrays.sort(boxed, Integer::compareUnsigned);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }
}
