package com.radrelay.inference;

import com.radrelay.archive.AiResultObjects;
import com.radrelay.workflow.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Per-image outputs to study-level measures, a classification, findings and triage, as the output contract says. */
final class Postprocessing {

    private Postprocessing() {
    }

    static StudyInference.Computed of(Recipe recipe, StudyInference.Gathered gathered) {
        List<AiResult.Measurement> measurements = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (Recipe.Measure m : recipe.measures()) {
            double value = aggregate(m, gathered.perImage());
            if (!Double.isFinite(value)) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "measure " + m.code() + " is " + value);
            }
            measurements.add(new AiResult.Measurement(m.code(), m.label(), value, m.unit()));
            boolean above = m.findingAbove() != null && value > m.findingAbove();
            boolean below = m.findingBelow() != null && value < m.findingBelow();
            if ((above || below) && m.finding() != null) {
                findings.add(m.finding() + " (" + m.label() + " " + number(value)
                        + (m.unit().equals("1") ? "" : " " + m.unit()) + ")");
            }
        }
        AiResultObjects.Classification classification = classify(recipe.classes(), gathered.classScores());
        if (classification != null) {
            Recipe.Classes classes = recipe.classes();
            for (AiResultObjects.Measurement score : classification.scores()) {
                measurements.add(new AiResult.Measurement(score.code(), score.label(), score.value(), score.unit()));
            }
            AiResultObjects.Measurement chosen = classification.chosen();
            String finding = classes.classes().stream().filter(c -> c.code().equals(chosen.code())).findFirst()
                    .map(Recipe.ClassLabel::finding).orElse(null);
            if (finding != null && chosen.value() >= classes.findingAt()) {
                findings.add(finding + " (" + classes.label() + ": " + chosen.label() + ", score "
                        + number(chosen.value()) + ")");
            }
        }
        Priority triage = null;
        Recipe.Triage t = recipe.triage();
        if (t != null) {
            double value = measurements.stream().filter(m -> m.code().equals(t.measure())).findFirst()
                    .map(AiResult.Measurement::value).orElseThrow();
            triage = value >= t.statAt() ? Priority.STAT : value >= t.urgentAt() ? Priority.URGENT : null;
        }
        return new StudyInference.Computed(List.copyOf(measurements), List.copyOf(findings), triage, classification,
                List.copyOf(gathered.masks()), List.copyOf(gathered.boxes()));
    }

    /**
     * Each class's study score (the MEAN or MAX of its images' scores) and the class scoring highest; the first
     * listed wins a tie.
     */
    private static AiResultObjects.@Nullable Classification classify(Recipe.@Nullable Classes classes,
            float @Nullable [] scores) {
        if (classes == null || scores == null) {
            return null;
        }
        int n = classes.classes().size();
        int images = scores.length / n;
        List<AiResultObjects.Measurement> study = new ArrayList<>(n);
        AiResultObjects.Measurement chosen = null;
        for (int c = 0; c < n; c++) {
            double value = classes.aggregate() == Recipe.Aggregate.MAX ? Double.NEGATIVE_INFINITY : 0;
            for (int i = 0; i < images; i++) {
                float score = scores[i * n + c];
                value = classes.aggregate() == Recipe.Aggregate.MAX ? Math.max(value, score) : value + score;
            }
            if (classes.aggregate() == Recipe.Aggregate.MEAN) {
                value /= images;
            }
            Recipe.ClassLabel label = classes.classes().get(c);
            if (!Double.isFinite(value)) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "class " + label.code() + " scores "
                        + value);
            }
            AiResultObjects.Measurement score = new AiResultObjects.Measurement(label.code(), label.label(), value,
                    "1");
            study.add(score);
            if (chosen == null || value > chosen.value()) {
                chosen = score;
            }
        }
        return new AiResultObjects.Classification(classes.label(), chosen, List.copyOf(study));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
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
