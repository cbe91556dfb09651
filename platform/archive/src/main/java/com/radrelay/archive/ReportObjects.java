package com.radrelay.archive;

import static com.radrelay.archive.DerivedObjects.code;
import static com.radrelay.archive.DerivedObjects.uid;

import com.radrelay.tenancy.TenantId;
import com.radrelay.workflow.SopInstanceUid;
import com.radrelay.workflow.StudyUid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Sequence;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.data.VR;
import org.dcm4che3.io.DicomInputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Signed reports as DICOM objects in the clinic's own study: a Basic Text SR (so QIDO-RS and any PACS find it) and
 * the PDF as an Encapsulated PDF; and both read back, for pages that show a study's reports without speaking DICOM.
 * Their UIDs derive from the report's id, so storing a report twice stores it once.
 */
@Service
public class ReportObjects {

    private static final String DIAGNOSTIC_IMAGING_REPORT = "18748-4";
    private static final String FIELDS = "99RADRELAY";

    private final StudyArchive archive;

    ReportObjects(StudyArchive archive) {
        this.archive = archive;
    }

    /** What a signed report says, in plain values. */
    public record ReportContent(UUID reportId, String title, String findings, String impression,
            List<Field> fields, boolean critical, String author, Instant signedAt) {
    }

    /** A structured field of a report: its code and label, and the chosen value's code and text. */
    public record Field(String code, String label, String value, String text) {
    }

    /** A report found in a study: its text (SR) or its PDF, by SOP instance. */
    public record StoredReport(SopInstanceUid sop, boolean pdf, String title, String text, @Nullable String author,
            @Nullable Instant at) {
    }

    public StoreResult storeStructuredReport(TenantId clinic, StudyUid study, ReportContent report) {
        Attributes sr = newInstance(clinic, study, UID.BasicTextSRStorage, uid(report.reportId(), 1),
                uid(report.reportId(), 2), "SR", 9001, report);
        sr.setString(Tag.ValueType, VR.CS, "CONTAINER");
        sr.newSequence(Tag.ConceptNameCodeSequence, 1).add(code(DIAGNOSTIC_IMAGING_REPORT, "LN",
                "Diagnostic Imaging Report"));
        sr.setString(Tag.ContinuityOfContent, VR.CS, "SEPARATE");
        sr.setString(Tag.CompletionFlag, VR.CS, "COMPLETE");
        sr.setString(Tag.VerificationFlag, VR.CS, "VERIFIED");
        Attributes observer = new Attributes();
        observer.setString(Tag.VerifyingObserverName, VR.PN, report.author());
        observer.setString(Tag.VerifyingOrganization, VR.LO, "RadRelay");
        observer.setDate(Tag.VerificationDateTime, VR.DT, Date.from(report.signedAt()));
        observer.newSequence(Tag.VerifyingObserverIdentificationCodeSequence, 0);
        sr.newSequence(Tag.VerifyingObserverSequence, 1).add(observer);
        Sequence content = sr.newSequence(Tag.ContentSequence, 2 + report.fields().size());
        if (!report.findings().isBlank()) {
            content.add(text("121071", "Finding", report.findings()));
        }
        for (Field f : report.fields()) {
            // The template's own codes (scheme 99RADRELAY): a CODE item per field.
            Attributes item = new Attributes();
            item.setString(Tag.RelationshipType, VR.CS, "CONTAINS");
            item.setString(Tag.ValueType, VR.CS, "CODE");
            item.newSequence(Tag.ConceptNameCodeSequence, 1).add(code(f.code(), FIELDS, f.label()));
            item.newSequence(Tag.ConceptCodeSequence, 1).add(code(f.value(), FIELDS, f.text()));
            content.add(item);
        }
        content.add(text("121073", "Impression",
                (report.critical() ? "CRITICAL FINDING. " : "") + report.impression()));
        return store(clinic, study, sr, report.author());
    }

    public StoreResult storePdf(TenantId clinic, StudyUid study, ReportContent report, byte[] pdf) {
        Attributes doc = newInstance(clinic, study, UID.EncapsulatedPDFStorage, uid(report.reportId(), 3),
                uid(report.reportId(), 4), "DOC", 9002, report);
        doc.newSequence(Tag.ConceptNameCodeSequence, 1).add(code(DIAGNOSTIC_IMAGING_REPORT, "LN",
                "Diagnostic Imaging Report"));
        doc.setString(Tag.DocumentTitle, VR.ST, report.title());
        doc.setString(Tag.BurnedInAnnotation, VR.CS, "YES");
        doc.setString(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        // OB values have an even length: a PDF of odd length gets one padding byte, as PS3.5 asks.
        doc.setBytes(Tag.EncapsulatedDocument, VR.OB, pdf.length % 2 == 0 ? pdf : Arrays.copyOf(pdf,
                pdf.length + 1));
        doc.setLong(Tag.EncapsulatedDocumentLength, VR.UL, pdf.length);
        return store(clinic, study, doc, report.author());
    }

    /** The reports stored in a study (SR text and PDFs), in the order they were stored. */
    public List<StoredReport> reportsOf(TenantId clinic, StudyUid study) {
        List<StoredInstance> documents = archive.instances(clinic, study, null, null).stream()
                .filter(i -> i.sopClassUid().equals(UID.BasicTextSRStorage)
                        || i.sopClassUid().equals(UID.EncapsulatedPDFStorage))
                .toList();
        List<Attributes> metadata = archive.metadata(documents);
        List<StoredReport> reports = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Attributes m = metadata.get(i);
            boolean pdf = documents.get(i).sopClassUid().equals(UID.EncapsulatedPDFStorage);
            Attributes observer = m.getNestedDataset(Tag.VerifyingObserverSequence);
            Date when = m.getDate(Tag.ContentDateAndTime);
            reports.add(new StoredReport(documents.get(i).sop(), pdf,
                    pdf ? m.getString(Tag.DocumentTitle, "Report (PDF)") : "Report (DICOM SR)",
                    pdf ? "" : srText(m), observer == null ? null : observer.getString(Tag.VerifyingObserverName),
                    when == null ? null : when.toInstant()));
        }
        return reports;
    }

    /** The PDF of an Encapsulated PDF instance of the study. */
    public Optional<byte[]> pdf(TenantId clinic, StudyUid study, SopInstanceUid sop) {
        return archive.instances(clinic, study, null, sop).stream()
                .filter(i -> i.sopClassUid().equals(UID.EncapsulatedPDFStorage)).findFirst().map(i -> {
                    try (InputStream in = archive.open(i); DicomInputStream dicom = new DicomInputStream(in)) {
                        Attributes ds = dicom.readDataset();
                        byte[] bytes = ds.getBytes(Tag.EncapsulatedDocument);
                        long length = ds.getInt(Tag.EncapsulatedDocumentLength, bytes.length);
                        return Arrays.copyOf(bytes, (int) Math.min(length, bytes.length));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private Attributes newInstance(TenantId clinic, StudyUid study, String sopClass, String series, String sop,
            String modality, int seriesNumber, ReportContent report) {
        StoredInstance any = archive.instances(clinic, study, null, null).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("study " + study + " has no instances"));
        Attributes from = archive.metadata(List.of(any)).getFirst();
        Attributes ds = new Attributes();
        ds.addSelected(from, DerivedObjects.STUDY_TAGS);
        ds.setString(Tag.SOPClassUID, VR.UI, sopClass);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setInt(Tag.SeriesNumber, VR.IS, seriesNumber);
        ds.setString(Tag.SeriesDescription, VR.LO, report.title());
        ds.setInt(Tag.InstanceNumber, VR.IS, 1);
        ds.setString(Tag.Manufacturer, VR.LO, "RadRelay");
        ds.setDate(Tag.ContentDateAndTime, Date.from(report.signedAt()));
        ds.setDate(Tag.InstanceCreationDateAndTime, Date.from(report.signedAt()));
        ds.setString(Tag.TimezoneOffsetFromUTC, VR.SH, "+0000");
        return ds;
    }

    private StoreResult store(TenantId clinic, StudyUid study, Attributes ds, String author) {
        return archive.store(new StoreRequest.File(clinic, new ByteArrayInputStream(DerivedObjects.partTen(ds)),
                "report:" + author, study));
    }

    private static String srText(Attributes sr) {
        StringBuilder text = new StringBuilder();
        Sequence content = sr.getSequence(Tag.ContentSequence);
        if (content != null) {
            for (Attributes item : content) {
                Attributes concept = item.getNestedDataset(Tag.ConceptNameCodeSequence);
                String heading = concept == null ? "" : concept.getString(Tag.CodeMeaning, "");
                Attributes coded = item.getNestedDataset(Tag.ConceptCodeSequence);
                if (coded != null) {
                    text.append(heading).append(": ").append(coded.getString(Tag.CodeMeaning, "")).append("\n\n");
                } else {
                    text.append(heading).append(":\n").append(item.getString(Tag.TextValue, "")).append("\n\n");
                }
            }
        }
        return text.toString().strip();
    }

    private static Attributes text(String code, String meaning, String value) {
        return DerivedObjects.text("CONTAINS", code(code, "DCM", meaning), value);
    }
}
