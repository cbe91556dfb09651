package com.radrelay.inference;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one model version is run on a study, from its vendor's manifest: which images qualify and how their pixels
 * are prepared (the input contract), and what its outputs mean (the output contract). {@code maxBatchSize} is the
 * config.pbtxt's: 0 means one image per request.
 */
public record Recipe(String model, String version, String title, String vendor, int maxBatchSize, Input input,
        List<Measure> measures, @Nullable Triage triage, @Nullable Mask mask, @Nullable Boxes boxes,
        @Nullable Classes classes) {

    /**
     * The input contract: images of these modalities, at least {@code minImages} in a series; each frame becomes a
     * {@code height x width} plane of FP32 values in NCHW layout, one channel.
     */
    public record Input(String tensor, List<String> modalities, int minImages, SeriesChoice series, Values values,
            @Nullable Double windowCenter, @Nullable Double windowWidth, int width, int height) {
    }

    /** Which qualifying series a run reads: the one with the most images (a CT volume), or all (CR views). */
    public enum SeriesChoice {
        LARGEST, ALL
    }

    /**
     * What the model is fed. MODALITY: modality values as they are (Hounsfield units for CT). WINDOW: the manifest's
     * window (else the image's own) mapped to 0..1. MIN_MAX: each image's own range mapped to 0..1. Both 0..1 kinds
     * are inverted for MONOCHROME1, so bright means dense everywhere.
     */
    public enum Values {
        MODALITY, WINDOW, MIN_MAX
    }

    /**
     * A number the study gets from the model's per-image outputs: their MEAN or MAX, or (RATIO) the sum of output
     * {@code of} over the sum of output {@code over}. It becomes a finding when above or below a threshold.
     */
    public record Measure(String code, String label, String unit, Aggregate aggregate, String of,
            @Nullable String over, @Nullable Double findingAbove, @Nullable Double findingBelow,
            @Nullable String finding) {
    }

    public enum Aggregate {
        MEAN, MAX, RATIO
    }

    /**
     * A measure (or a class of the classification) that raises the worklist priority: URGENT from {@code urgentAt},
     * STAT from {@code statAt}.
     */
    public record Triage(String measure, double urgentAt, double statAt) {
    }

    /**
     * A per-pixel output: one plane of the input's size per image, a pixel belonging to the mask where its value
     * exceeds {@code threshold}. Kept as a DICOM Segmentation the viewer overlays.
     */
    public record Mask(String output, String label, double threshold) {
    }

    /**
     * A detection output: per image, {@code K} rows of {@code [x0, y0, x1, y1, score]} in pixel edges of the input
     * plane; a row scoring at least {@code minScore} is a box. Kept in the SR as an image region the viewer draws.
     */
    public record Boxes(String output, String label, double minScore) {
    }

    /**
     * A classification output: per image, one score per class (in the order of {@code classes}, e.g. a softmax);
     * the study's score of a class is the MEAN or MAX of its images' scores. The class scoring highest is the
     * study's class, and a finding when it scores at least {@code findingAt} and names one. {@code label} says what
     * is classified ("Exposure").
     */
    public record Classes(String output, String label, Aggregate aggregate, List<ClassLabel> classes,
            double findingAt) {
    }

    /** One class: its code in the output contract, its label, and the finding it stands for, if any. */
    public record ClassLabel(String code, String label, @Nullable String finding) {
    }

    /** The output tensors the measures read, each once. */
    public List<String> outputs() {
        Set<String> names = new LinkedHashSet<>();
        for (Measure m : measures) {
            names.add(m.of());
            if (m.over() != null) {
                names.add(m.over());
            }
        }
        return List.copyOf(names);
    }
}
