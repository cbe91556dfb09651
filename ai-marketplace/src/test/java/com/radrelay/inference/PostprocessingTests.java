package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.archive.AiResultObjects;
import com.radrelay.workflow.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PostprocessingTests {

    private static final List<Recipe.ClassLabel> LABELS = List.of(
            new Recipe.ClassLabel("normal", "Normal", null),
            new Recipe.ClassLabel("effusion", "Pleural effusion", "Pleural effusion likely"),
            new Recipe.ClassLabel("mass", "Mass", "Mass likely"));

    @Test
    void theStudysClassIsTheHighestMeanScoreAndAFindingFromItsThreshold() {
        // Three images: two lean to effusion, one to mass; the mean chooses effusion (0.5).
        float[] scores = {0.2f, 0.7f, 0.1f, 0.3f, 0.6f, 0.1f, 0.1f, 0.2f, 0.7f};
        StudyInference.Computed computed = Postprocessing.of(recipe(Recipe.Aggregate.MEAN, 0.45, null),
                gathered(scores));
        AiResultObjects.Classification c = computed.classification();
        assertThat(c.label()).isEqualTo("Chest");
        assertThat(c.chosen().code()).isEqualTo("effusion");
        assertThat(values(c)).containsExactly(new double[] {0.2, 0.5, 0.3}, Offset.offset(1e-6));
        assertThat(computed.findings()).containsExactly("Pleural effusion likely (Chest: Pleural effusion, score 0.5000)");
        assertThat(computed.measurements()).extracting(AiResult.Measurement::code)
                .containsExactly("normal", "effusion", "mass");

        assertThat(Postprocessing.of(recipe(Recipe.Aggregate.MEAN, 0.55, null), gathered(scores)).findings())
                .as("below findingAt: chosen, yet no finding").isEmpty();
    }

    @Test
    void maxTakesEachClassesHighestImageAndANormalClassIsNoFinding() {
        float[] scores = {0.9f, 0.05f, 0.05f, 0.2f, 0.1f, 0.7f};
        StudyInference.Computed max = Postprocessing.of(recipe(Recipe.Aggregate.MAX, 0.5, null), gathered(scores));
        assertThat(max.classification().chosen().code()).isEqualTo("normal");
        assertThat(values(max.classification())).containsExactly(new double[] {0.9, 0.1, 0.7}, Offset.offset(1e-6));
        assertThat(max.findings()).isEmpty();
    }

    @Test
    void aClassScoreRaisesTriageAndANonFiniteScoreIsABadOutput() {
        float[] scores = {0.1f, 0.2f, 0.7f};
        assertThat(Postprocessing.of(recipe(Recipe.Aggregate.MEAN, 0.5, new Recipe.Triage("mass", 0.5, 0.8)),
                gathered(scores)).triage()).isEqualTo(Priority.URGENT);
        assertThat(Postprocessing.of(recipe(Recipe.Aggregate.MEAN, 0.5, new Recipe.Triage("mass", 0.3, 0.6)),
                gathered(scores)).triage()).isEqualTo(Priority.STAT);
        assertThatThrownBy(() -> Postprocessing.of(recipe(Recipe.Aggregate.MEAN, 0.5, null),
                gathered(new float[] {0.1f, Float.NaN, 0.2f})))
                .isInstanceOfSatisfying(InferenceFailure.class, e -> assertThat(e.kind())
                        .isEqualTo(InferenceFailure.Kind.BAD_OUTPUT))
                .hasMessage("class effusion scores NaN");
    }

    private static Recipe recipe(Recipe.Aggregate aggregate, double findingAt, Recipe.Triage triage) {
        return new Recipe("chest", "1", "Chest", "Vendor", 8, new Recipe.Input("image", List.of("CR"), 1,
                Recipe.SeriesChoice.ALL, Recipe.Values.MIN_MAX, null, null, 64, 64), List.of(), triage, null, null,
                new Recipe.Classes("scores", "Chest", aggregate, LABELS, findingAt));
    }

    private static double[] values(AiResultObjects.Classification c) {
        return c.scores().stream().mapToDouble(AiResultObjects.Measurement::value).toArray();
    }

    private static StudyInference.Gathered gathered(float[] scores) {
        Map<String, float[]> perImage = new LinkedHashMap<>();
        return new StudyInference.Gathered(perImage, scores, new ArrayList<>(), new ArrayList<>());
    }
}
