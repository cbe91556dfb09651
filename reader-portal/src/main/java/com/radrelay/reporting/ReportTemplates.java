package com.radrelay.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Report templates by modality and body part: the headings a reader fills in (the impression starts empty), the
 * structured fields chosen from fixed values (such as a BI-RADS assessment category), the macros that fill them with
 * standard wording, and the AI results that pre-fill a new draft.
 */
public final class ReportTemplates {

    /** A template: its name, the findings text it starts from, its structured fields and its macros. */
    public record Template(String name, String findings, List<Field> fields, List<Macro> macros) {

        /** The template with another findings text to start from. */
        public Template startingWith(String text) {
            return new Template(name, text, fields, macros);
        }

        /**
         * The reader's choices ({@code field code -> choice code}) as the report keeps them, in the template's order;
         * a field left empty is left out.
         */
        public List<ReportField> chosen(Map<String, String> choices) {
            List<ReportField> kept = new ArrayList<>();
            for (Field f : fields) {
                String value = choices.get(f.code());
                f.choices().stream().filter(c -> c.code().equals(value)).findFirst()
                        .ifPresent(c -> kept.add(new ReportField(f.code(), f.label(), c.code(), c.label())));
            }
            return List.copyOf(kept);
        }

        /** The required fields that have no choice yet, by label. */
        public List<String> missing(Map<String, String> choices) {
            Set<String> chosen = chosen(choices).stream().map(ReportField::code).collect(Collectors.toSet());
            return fields.stream().filter(f -> f.required() && !chosen.contains(f.code())).map(Field::label)
                    .toList();
        }

        /** The findings a new draft starts from: the headings, then each AI result for the reader to keep or drop. */
        public String findingsWith(List<String> aiResults) {
            String text = findings;
            for (String line : aiResults) {
                text = withAiResult(text, line, true);
            }
            return text;
        }
    }

    /** A field the reader answers by choosing one value; a required one must be answered before signing. */
    public record Field(String code, String label, boolean required, List<Choice> choices) {
    }

    /** One value of a field: a code the report keeps and the text a reader sees. */
    public record Choice(String code, String label) {
    }

    /**
     * Standard wording: text for headings of the findings that are still empty (a heading already written in is
     * left alone), a sentence added to the impression, and choices for fields (the caller sets those not yet
     * chosen).
     */
    public record Macro(String name, Map<String, String> headings, String impression, Map<String, String> fields) {

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
            field("pneumothorax", "Pneumothorax", false, "absent", "Absent", "present", "Present"),
            field("consolidation", "Consolidation", false, "absent", "Absent", "present", "Present",
                    "indeterminate", "Indeterminate")), List.of(
            macro("Normal chest", "No acute cardiopulmonary abnormality.",
                    Map.of("pneumothorax", "absent", "consolidation", "absent"),
                    "Technique", "Frontal projection.",
                    "Lungs", "Clear, no consolidation or mass.",
                    "Pleura", "No effusion or pneumothorax.",
                    "Heart and mediastinum", "Normal size and contour.",
                    "Bones and soft tissues", "Unremarkable."),
            macro("Compared with prior: no change", "No interval change since the prior study.", Map.of())));
    private static final Template CT_HEAD = new Template("CT head", """
            Technique: non-contrast axial CT of the head.
            Brain parenchyma: 
            Extra-axial spaces: 
            Ventricles: 
            Skull and sinuses: """, List.of(
            field("haemorrhage", "Intracranial haemorrhage", false, "absent", "Absent", "present", "Present",
                    "indeterminate", "Indeterminate"),
            field("midline_shift", "Midline shift", false, "none", "None", "under_5mm", "Under 5 mm",
                    "5mm_or_more", "5 mm or more")), List.of(
            macro("Normal CT head", "No acute intracranial abnormality.",
                    Map.of("haemorrhage", "absent", "midline_shift", "none"),
                    "Brain parenchyma", "Normal grey-white matter differentiation; no haemorrhage, mass or infarct.",
                    "Extra-axial spaces", "No extra-axial collection.",
                    "Ventricles", "Normal size and configuration; no midline shift.",
                    "Skull and sinuses", "No fracture; visualised sinuses clear."),
            macro("Intracranial haemorrhage: urgent", "Acute intracranial haemorrhage. Urgent neurosurgical "
                    + "opinion advised; findings communicated to the referring clinic.",
                    Map.of("haemorrhage", "present")),
            macro("Compared with prior: no change", "No interval change since the prior study.", Map.of())));
    // The assessment categories and breast composition follow the ACR BI-RADS atlas; the category is required.
    private static final Template MAMMOGRAPHY = new Template("Mammography", """
            Technique: 
            Breast composition: 
            Right breast: 
            Left breast: 
            Comparison: """, List.of(
            field("birads", "BI-RADS assessment category", true, "0", "0 - Incomplete: needs additional imaging",
                    "1", "1 - Negative", "2", "2 - Benign", "3", "3 - Probably benign", "4", "4 - Suspicious",
                    "5", "5 - Highly suggestive of malignancy", "6", "6 - Known biopsy-proven malignancy"),
            field("composition", "Breast composition", false, "a", "a - Almost entirely fatty",
                    "b", "b - Scattered areas of fibroglandular density", "c", "c - Heterogeneously dense",
                    "d", "d - Extremely dense")), List.of(
            macro("Negative screening mammogram", "Negative. Routine screening recommended.", Map.of("birads", "1"),
                    "Technique", "Bilateral CC and MLO views.",
                    "Right breast", "No mass, suspicious calcification or architectural distortion.",
                    "Left breast", "No mass, suspicious calcification or architectural distortion."),
            macro("Compared with prior: no change", "No interval change since the prior study.", Map.of())));
    private static final Template GENERAL = new Template("General", """
            Technique: 
            Findings: """, List.of(), List.of(
            macro("No abnormality", "No abnormality detected.", Map.of(), "Findings", "No abnormality detected."),
            macro("Compared with prior: no change", "No interval change since the prior study.", Map.of())));
    private static final List<Template> ALL = List.of(CHEST_RADIOGRAPH, CT_HEAD, MAMMOGRAPHY, GENERAL);

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
        if (modalities.contains("MG")) {
            return MAMMOGRAPHY;
        }
        return GENERAL;
    }

    /** The template a draft was started from, by name; an addendum or a retired name has none. */
    public static Optional<Template> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
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

    /** A macro from its impression, its field choices and pairs of heading and text. */
    private static Macro macro(String name, String impression, Map<String, String> fields,
            String... headingsAndText) {
        Map<String, String> headings = new LinkedHashMap<>();
        for (int i = 0; i < headingsAndText.length; i += 2) {
            headings.put(headingsAndText[i], headingsAndText[i + 1]);
        }
        return new Macro(name, headings, impression, fields);
    }

    /** A field from pairs of choice code and text. */
    private static Field field(String code, String label, boolean required, String... codesAndText) {
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < codesAndText.length; i += 2) {
            choices.add(new Choice(codesAndText[i], codesAndText[i + 1]));
        }
        return new Field(code, label, required, List.copyOf(choices));
    }
}
