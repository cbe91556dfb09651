package com.radrelay.inference;

import com.radrelay.archive.AiResultObjects;
import com.radrelay.workflow.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per-image outputs to study-level measures, findings and triage, as the output contract defines them. */
final class Postprocessing {

    private Postprocessing() {
    }

    static StudyInference.Computed of(Recipe recipe, Map<String, float[]> perImage,
            List<AiResultObjects.MaskFrame> masks, List<AiResultObjects.Region> boxes) {
        List<AiResult.Measurement> measurements = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Priority triage = null;
        for (Recipe.Measure m : recipe.measures()) {
            double value = aggregate(m, perImage);
            if (!Double.isFinite(value)) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "measure " + m.code() + " is " + value);
            }
            measurements.add(new AiResult.Measurement(m.code(), m.label(), value, m.unit()));
            boolean above = m.findingAbove() != null && value > m.findingAbove();
            boolean below = m.findingBelow() != null && value < m.findingBelow();
            if ((above || below) && m.finding() != null) {
                findings.add(m.finding() + " (" + m.label() + " " + String.format(Locale.ROOT, "%.4g", value)
                        + (m.unit().equals("1") ? "" : " " + m.unit()) + ")");
            }
            Recipe.Triage t = recipe.triage();
            if (t != null && t.measure().equals(m.code())) {
                triage = value >= t.statAt() ? Priority.STAT : value >= t.urgentAt() ? Priority.URGENT : null;
            }
        }
        return new StudyInference.Computed(List.copyOf(measurements), List.copyOf(findings), triage,
                List.copyOf(masks), List.copyOf(boxes));
    }

    private static double aggregate(Recipe.Measure m, Map<String, float[]> perImage) {
        float[] of = perImage.get(m.of());
        return switch (m.aggregate()) {
            case MEAN -> sum(of) / of.length;
            case MAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : of) {
                    max = Math.max(max, v);
                }
                yield max;
            }
            case RATIO -> {
                double over = sum(perImage.get(m.over()));
                yield over == 0 ? 0 : sum(of) / over;
            }
        };
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
