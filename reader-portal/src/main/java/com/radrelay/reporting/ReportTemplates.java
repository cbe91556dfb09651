package com.radrelay.reporting;

import java.util.List;
import java.util.Locale;

/** Report templates by modality and body part: the headings a reader fills in; the impression starts empty. */
public final class ReportTemplates {

    /** A template: its name and the findings text it starts from. */
    public record Template(String name, String findings) {
    }

    private static final Template CHEST_RADIOGRAPH = new Template("Chest radiograph", """
            Technique: 
            Lungs: 
            Pleura: 
            Heart and mediastinum: 
            Bones and soft tissues: """);
    private static final Template CT_HEAD = new Template("CT head", """
            Technique: non-contrast axial CT of the head.
            Brain parenchyma: 
            Extra-axial spaces: 
            Ventricles: 
            Skull and sinuses: """);
    private static final Template GENERAL = new Template("General", """
            Technique: 
            Findings: """);

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
}
