package com.radrelay.marketplace;

import com.radrelay.inference.Recipe;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A vendor's {@code radrelay-model.json}: what the model is for and costs (the catalogue shows it), and its input
 * and output contracts (inference follows them).
 */
public record Manifest(String name, String title, String intendedUse, List<String> bodyParts,
        BigDecimal pricePerInference, String currency, String regulatoryStatus, Recipe.Input input,
        List<Recipe.Measure> measures, Recipe.@Nullable Triage triage, Recipe.@Nullable Mask mask,
        Recipe.@Nullable Boxes boxes, Recipe.@Nullable Classes classes) {
}
