package com.radrelay.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Report templates by modality and body part: the headings a reader fills in (the impression starts empty), the
 * macros that fill them with standard wording, and the AI results that pre-fill a new draft.
 */
public final class ReportTemplates {

    /** A template: its name, the findings text it starts from, and its macros. */
    public record Template(String name, String findings, List<Macro> macros) {

        /** The findings a new draft starts from: the headings, then each AI result for the reader to keep or drop. */
        public String findingsWith(List<String> aiResults) {
            String text = findings;
            for (String line : aiResults) {
                text = withAiResult(text, line, true);
            }
            return text;
        }
    }

    /**
     * Standard wording: text for headings of the findings that are still empty (a heading already written in is
     * left alone), and a sentence added to the impression.
     */
    public record Macro(String name, Map<String, String> headings, String impression) {

        public Text apply(Text report) {
            List<String> lines = new ArrayList<>(report.findings().lines().toList());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(colon + 1).isBlank()) {
                    String fill = headings.get(line.substring(0, colon).strip());
                    if (fill != null) {
                        lines.set(i, line.substring(0, colon + 1) + " " + fill);
                    }
                }
            }
            String current = report.impression().strip();
            String impressionNow = impression.isEmpty() || current.contains(impression) ? report.impression()
                    : current.isEmpty() ? impression : current + "\n" + impression;
            return new Text(String.join("\n", lines), impressionNow);
        }
    }

    /** The two texts of a report. */
    public record Text(String findings, String impression) {
    }

    private static final String AI_HEADING = "AI results (assistive; keep each only if you agree):";

    private static final Template CHEST_RADIOGRAPH = new Template("Chest radiograph", """
            Technique: 
            Lungs: 
            Pleura: 
            Heart and mediastinum: 
            Bones and soft tissues: """, List.of(
            macro("Normal chest", "No acute cardiopulmonary abnormality.",
                    "Technique", "Frontal projection.",
                    "Lungs", "Clear, no consolidation or mass.",
                    "Pleura", "No effusion or pneumothorax.",
                    "Heart and mediastinum", "Normal size and contour.",
                    "Bones and soft tissues", "Unremarkable."),
            macro("Compared with prior: no change", "No interval change since the prior study.")));
    private static final Template CT_HEAD = new Template("CT head", """
            Technique: non-contrast axial CT of the head.
            Brain parenchyma: 
            Extra-axial spaces: 
            Ventricles: 
            Skull and sinuses: """, List.of(
            macro("Normal CT head", "No acute intracranial abnormality.",
                    "Brain parenchyma", "Normal grey-white matter differentiation; no haemorrhage, mass or infarct.",
                    "Extra-axial spaces", "No extra-axial collection.",
                    "Ventricles", "Normal size and configuration; no midline shift.",
                    "Skull and sinuses", "No fracture; visualised sinuses clear."),
            macro("Intracranial haemorrhage: urgent", "Acute intracranial haemorrhage. Urgent neurosurgical "
                    + "opinion advised; findings communicated to the referring clinic."),
            macro("Compared with prior: no change", "No interval change since the prior study.")));
    private static final Template GENERAL = new Template("General", """
            Technique: 
            Findings: """, List.of(
            macro("No abnormality", "No abnormality detected.", "Findings", "No abnormality detected."),
            macro("Compared with prior: no change", "No interval change since the prior study.")));

    private ReportTemplates() {
    }

    public static Template forStudy(List<String> modalities, List<String> bodyParts, String description) {
        String what = (String.join(" ", bodyParts) + " " + description).toUpperCase(Locale.ROOT);
        if ((modalities.contains("CR") || modalities.contains("DX")) && what.contains("CHEST")) {
            return CHEST_RADIOGRAPH;
        }
        if (modalities.contains("CT") && (what.contains("HEAD") || what.contains("BRAIN"))) {
            return CT_HEAD;
        }
        return GENERAL;
    }

    /**
     * The findings with an AI result's line kept (added under the AI heading if missing) or dropped (removed, and the
     * heading with it once no result is left). Whatever else the reader wrote is not touched.
     */
    public static String withAiResult(String findings, String line, boolean keep) {
        // One line per result, whatever the model's text held.
        String item = "- " + line.replaceAll("\\s*\\R\\s*", " ");
        List<String> lines = new ArrayList<>(findings.lines().toList());
        if (!keep) {
            lines.removeIf(item::equals);
            int heading = lines.indexOf(AI_HEADING);
            if (heading >= 0 && lines.stream().skip(heading + 1).noneMatch(l -> l.startsWith("- "))) {
                lines.remove(heading);
                if (heading > 0 && lines.get(heading - 1).isEmpty()) {
                    lines.remove(heading - 1);
                }
            }
            return String.join("\n", lines);
        }
        if (lines.contains(item)) {
            return findings;
        }
        int heading = lines.indexOf(AI_HEADING);
        if (heading < 0) {
            lines.add("");
            lines.add(AI_HEADING);
            lines.add(item);
        } else {
            int at = heading + 1;
            while (at < lines.size() && lines.get(at).startsWith("- ")) {
                at++;
            }
            lines.add(at, item);
        }
        return String.join("\n", lines);
    }

    /** A macro from its impression and pairs of heading and text. */
    private static Macro macro(String name, String impression, String... headingsAndText) {
        Map<String, String> headings = new LinkedHashMap<>();
        for (int i = 0; i < headingsAndText.length; i += 2) {
            headings.put(headingsAndText[i], headingsAndText[i + 1]);
        }
        return new Macro(name, headings, impression);
    }
}
