package com.radrelay.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTemplatesTests {

    private final ReportTemplates.Template ctHead = ReportTemplates.forStudy(List.of("CT"), List.of("HEAD"), "");

    @Test
    void aMacroFillsOnlyTheHeadingsStillEmptyAndAddsItsImpressionOnce() {
        String findings = ctHead.findings().replace("Ventricles:", "Ventricles: mildly prominent.");
        ReportTemplates.Macro normal = macro(ctHead, "Normal CT head");

        ReportTemplates.Text once = normal.apply(new ReportTemplates.Text(findings, ""));
        ReportTemplates.Text twice = normal.apply(once);

        assertThat(once.findings()).contains("Extra-axial spaces: No extra-axial collection.")
                .contains("Ventricles: mildly prominent.").doesNotContain("no midline shift")
                .startsWith("Technique: non-contrast axial CT of the head.");
        assertThat(once.impression()).isEqualTo("No acute intracranial abnormality.");
        assertThat(twice).isEqualTo(once);
        assertThat(macro(ctHead, "Compared with prior: no change").apply(once).impression())
                .isEqualTo("No acute intracranial abnormality.\nNo interval change since the prior study.");
    }

    @Test
    void structuredFieldsKeepTheTemplatesOrderAndTextAndSayWhichRequiredOnesAreMissing() {
        ReportTemplates.Template mammography = ReportTemplates.forStudy(List.of("MG"), List.of("BREAST"), "");
        assertThat(ReportTemplates.named("Mammography")).contains(mammography);

        assertThat(mammography.missing(Map.of("composition", "b"))).containsExactly("BI-RADS assessment category");
        assertThat(mammography.missing(Map.of("birads", "9"))).as("not one of its values")
                .containsExactly("BI-RADS assessment category");
        assertThat(mammography.missing(Map.of("birads", "0"))).isEmpty();
        assertThat(mammography.chosen(Map.of("composition", "d", "birads", "3", "stray", "x"))).containsExactly(
                new ReportField("birads", "BI-RADS assessment category", "3", "3 - Probably benign"),
                new ReportField("composition", "Breast composition", "d", "d - Extremely dense"));
        assertThat(ctHead.missing(Map.of())).as("nothing required in a CT head").isEmpty();
        assertThat(macro(ctHead, "Intracranial haemorrhage: urgent").fields()).containsEntry("haemorrhage", "present");
        assertThat(macro(mammography, "Negative screening mammogram").fields()).containsEntry("birads", "1");
    }

    @Test
    void aiResultsStartInTheFindingsAndADisagreementTakesOnlyThatLineOut() {
        String bleed = "head-ct-density 1: 3.1 % of brain voxels 50-90 HU (haemorrhage suspected)";
        String other = "head-ct-volume 2: brain volume 1,210 ml";
        String draft = ctHead.findingsWith(List.of(bleed, other));
        String written = draft.replace("Ventricles:", "Ventricles: normal.");

        String disagreed = ReportTemplates.withAiResult(written, bleed, false);
        String bothOut = ReportTemplates.withAiResult(disagreed, other, false);

        assertThat(draft).startsWith(ctHead.findings()).contains("- " + bleed + "\n- " + other);
        assertThat(disagreed).doesNotContain(bleed).contains("- " + other).contains("Ventricles: normal.");
        assertThat(ReportTemplates.withAiResult(disagreed, bleed, true)).contains("- " + other + "\n- " + bleed);
        assertThat(ReportTemplates.withAiResult(draft, bleed, true)).isEqualTo(draft);
        assertThat(bothOut).isEqualTo(ctHead.findings().replace("Ventricles:", "Ventricles: normal."));
    }

    private static ReportTemplates.Macro macro(ReportTemplates.Template template, String name) {
        return template.macros().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
