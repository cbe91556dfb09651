package com.radrelay.delivery;

import com.radrelay.archive.StudySummary;
import com.radrelay.reporting.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

/** A signed report as a printable A4 PDF: the clinic, the patient, the study, findings, impression, signature. */
final class ReportPdf {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final float MARGIN = 56;
    private static final float LEADING = 14;

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    byte[] render(Report report, String clinicName, StudySummary study) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(bold, 16, report.addendum() ? "Addendum to the radiology report" : "Radiology report"));
        lines.add(new Line(regular, 10, clinicName));
        lines.add(new Line(regular, 10, ""));
        lines.add(new Line(bold, 10, "Patient: " + study.patientNameForPeople() + "   ID: " + text(study.patientId())
                + "   Born: " + text(study.birthDate()) + "   Sex: " + text(study.sex())));
        lines.add(new Line(regular, 10, "Study: " + text(study.description()) + "   Date: " + text(study.studyDate())
                + "   Accession: " + text(study.accessionNumber()) + "   " + String.join(", ", study.modalities())));
        lines.add(new Line(regular, 10, ""));
        if (report.critical()) {
            lines.add(new Line(bold, 12, "CRITICAL FINDING"));
        }
        if (!report.findings().isBlank()) {
            section(lines, "Findings", report.findings());
        }
        if (!report.fields().isEmpty()) {
            section(lines, "Structured findings", report.fields().stream().map(f -> f.label() + ": " + f.text())
                    .collect(Collectors.joining("\n")));
        }
        section(lines, report.addendum() ? "Addendum" : "Impression", report.impression());
        lines.add(new Line(regular, 10, "Electronically signed by " + report.authorName() + " on "
                + WHEN.format(report.signedAt()) + " (RadRelay)."));
        lines.add(new Line(regular, 8, "Content digest SHA-256 " + report.contentSha256()));
        return write(lines);
    }

    private void section(List<Line> lines, String heading, String body) {
        lines.add(new Line(bold, 11, heading));
        for (String paragraph : body.split("\n", -1)) {
            for (String wrapped : wrap(paragraph, 95)) {
                lines.add(new Line(regular, 10, wrapped));
            }
        }
        lines.add(new Line(regular, 10, ""));
    }

    private byte[] write(List<Line> lines) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPageContentStream page = null;
            float y = 0;
            for (Line line : lines) {
                if (page == null || y < MARGIN) {
                    if (page != null) {
                        page.endText();
                        page.close();
                    }
                    PDPage next = new PDPage(PDRectangle.A4);
                    pdf.addPage(next);
                    page = new PDPageContentStream(pdf, next);
                    page.beginText();
                    y = PDRectangle.A4.getHeight() - MARGIN;
                    page.newLineAtOffset(MARGIN, y);
                }
                page.setFont(line.font(), line.size());
                page.showText(printable(line.text()));
                page.newLineAtOffset(0, -LEADING);
                y -= LEADING;
            }
            if (page != null) {
                page.endText();
                page.close();
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String paragraph, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (line.length() + word.length() + 1 > width && !line.isEmpty()) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        out.add(line.toString());
        return out;
    }

    /** The standard fonts cover Latin-1 (WinAnsi); anything else prints as '?', never fails the delivery. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? (char) c : '?'));
        return out.toString();
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s;
    }

    private record Line(PDType1Font font, float size, String text) {
    }
}
