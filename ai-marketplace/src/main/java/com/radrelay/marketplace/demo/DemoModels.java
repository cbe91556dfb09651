package com.radrelay.marketplace.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The two demo models, built from this source byte for byte the same each time: model packages exactly as a vendor
 * uploads them (Triton repository layout plus the RadRelay manifest). Neither is a diagnostic device; their
 * manifests say what they compute.
 */
public final class DemoModels {

    public static final String HEAD_CT = "head-ct-hyperdensity";
    public static final String CHEST_XR = "chest-xr-exposure";

    private DemoModels() {
    }

    /**
     * Head CT: per slice, the share of 0-90 HU voxels and of 50-90 HU voxels (the density of acute blood), the mask
     * of those 50-90 HU voxels and the box around them.
     */
    public static byte[] headCtOnnx() {
        return headCtOnnx(256, true);
    }

    /**
     * The head CT graph for {@code size x size} slices, with or without its mask and box (the inference benchmark
     * uses 512, the size CT slices have, without them: it measures the protocol on one value per image).
     */
    public static byte[] headCtOnnx(int size, boolean regions) {
        OnnxGraph g = new OnnxGraph(HEAD_CT).input("hu", -1, 1, size, size)
                .output("blood_fraction", -1, 1).output("tissue_fraction", -1, 1);
        if (regions) {
            g.output("blood_mask", -1, 1, size, size).output("blood_box", -1, 1, 5);
        }
        String atLeast0 = g.node("GreaterOrEqual", List.of("hu", g.constant(0)));
        String atLeast50 = g.node("GreaterOrEqual", List.of("hu", g.constant(50)));
        String atMost90 = g.node("LessOrEqual", List.of("hu", g.constant(90)));
        String tissue = g.node("Cast", List.of(g.node("And", List.of(atLeast0, atMost90))), "to", 1);
        String blood = g.node("Cast", List.of(g.node("And", List.of(atLeast50, atMost90))), "to", 1);
        g.output("ReduceMean", List.of(blood), "blood_fraction", "axes", new long[] {2, 3}, "keepdims", 0);
        g.output("ReduceMean", List.of(tissue), "tissue_fraction", "axes", new long[] {2, 3}, "keepdims", 0);
        if (regions) {
            g.output("Identity", List.of(blood), "blood_mask");
            box(g, blood, size);
        }
        return g.toBytes();
    }

    /**
     * The box around a slice's marked pixels, as {@code [x0, y0, x1, y1, score]} in pixel edges of the input plane
     * (x1 and y1 one past the last marked pixel); the score is 1 when any pixel is marked, else 0 (and the box
     * meaningless).
     */
    private static void box(OnnxGraph g, String marked, int size) {
        float[] ramp = new float[size];
        for (int i = 0; i < size; i++) {
            ramp[i] = i;
        }
        String rows = g.node("ReduceMax", List.of(marked), "axes", new long[] {3}, "keepdims", 1);
        String columns = g.node("ReduceMax", List.of(marked), "axes", new long[] {2}, "keepdims", 1);
        String rowIndex = g.node("Mul", List.of(rows, g.constant(ramp, size, 1)));
        String columnIndex = g.node("Mul", List.of(columns, g.constant(ramp, size)));
        // Unmarked rows and columns count as far beyond the plane when looking for the first marked one.
        String far = g.constant(2f * size);
        String one = g.constant(1);
        String rowFirst = g.node("Add", List.of(rowIndex, g.node("Mul", List.of(g.node("Sub", List.of(one, rows)),
                far))));
        String columnFirst = g.node("Add", List.of(columnIndex, g.node("Mul", List.of(g.node("Sub",
                List.of(one, columns)), far))));
        String y0 = g.node("ReduceMin", List.of(rowFirst), "axes", new long[] {2}, "keepdims", 0);
        String y1 = g.node("Add", List.of(g.node("ReduceMax", List.of(rowIndex), "axes", new long[] {2},
                "keepdims", 0), one));
        String x0 = g.node("ReduceMin", List.of(columnFirst), "axes", new long[] {3}, "keepdims", 0);
        String x1 = g.node("Add", List.of(g.node("ReduceMax", List.of(columnIndex), "axes", new long[] {3},
                "keepdims", 0), one));
        String score = g.node("ReduceMax", List.of(rows), "axes", new long[] {2}, "keepdims", 0);
        g.output("Concat", List.of(x0, y0, x1, y1, score), "blood_box", "axis", 2);
    }

    /**
     * Chest radiograph: per image, the mean grey level, the share of pixels at either end of the scale, and an
     * exposure class (under, adequate, over: a softmax of how far the mean lies below 0.3, inside 0.3-0.7 or above
     * 0.7).
     */
    public static byte[] chestXrOnnx() {
        OnnxGraph g = new OnnxGraph(CHEST_XR).input("image", -1, 1, 256, 256)
                .output("mean_level", -1, 1).output("clipped_fraction", -1, 1).output("exposure", -1, 3);
        String dark = g.node("LessOrEqual", List.of("image", g.constant(0.02f)));
        String bright = g.node("GreaterOrEqual", List.of("image", g.constant(0.98f)));
        String clipped = g.node("Cast", List.of(g.node("Or", List.of(dark, bright))), "to", 1);
        String mean = g.output("ReduceMean", List.of("image"), "mean_level", "axes", new long[] {2, 3},
                "keepdims", 0);
        g.output("ReduceMean", List.of(clipped), "clipped_fraction", "axes", new long[] {2, 3}, "keepdims", 0);
        // Logits 20 per unit of distance: equal at the boundaries 0.3 and 0.7, a clear class a tenth inside them.
        String steep = g.constant(20);
        String under = g.node("Mul", List.of(g.node("Sub", List.of(g.constant(0.3f), mean)), steep));
        String over = g.node("Mul", List.of(g.node("Sub", List.of(mean, g.constant(0.7f))), steep));
        String offCentre = g.node("Abs", List.of(g.node("Sub", List.of(mean, g.constant(0.5f)))));
        String adequate = g.node("Mul", List.of(g.node("Sub", List.of(g.constant(0.2f), offCentre)), steep));
        String logits = g.node("Concat", List.of(under, adequate, over), "axis", 1);
        g.output("Softmax", List.of(logits), "exposure", "axis", 1);
        return g.toBytes();
    }

    public static byte[] headCtPackage() {
        return pack(HEAD_CT, 1, config(HEAD_CT, "hu", """
                  { name: "blood_mask" data_type: TYPE_FP32 dims: [ 1, 256, 256 ] },
                  { name: "blood_box" data_type: TYPE_FP32 dims: [ 1, 5 ] },
                """, "blood_fraction", "tissue_fraction"), headCtOnnx(), """
                {
                  "name": "head-ct-hyperdensity",
                  "title": "Head CT hyperdensity triage (demo)",
                  "intendedUse": "Demonstration of triage only. Measures, in non-contrast head CT, the share of \
                voxels in the density range of acute blood (50-90 HU) among voxels of 0-90 HU, and asks for an \
                urgent read when it is high; marks those voxels as a mask, and draws a box around them on each \
                slice, for the viewer to overlay. It does not detect \
                haemorrhage: calcification, contrast and beam hardening fall in the same range.",
                  "bodyParts": ["HEAD", "BRAIN"],
                  "pricePerInference": 0.40,
                  "currency": "USD",
                  "regulatoryStatus": "Not a medical device. Not cleared or approved by any authority.",
                  "input": {"tensor": "hu", "modalities": ["CT"], "minImages": 5, "series": "LARGEST",
                            "values": "MODALITY", "width": 256, "height": 256},
                  "measures": [
                    {"code": "hyperdense_ratio", "label": "Voxels at 50-90 HU per voxel at 0-90 HU", "unit": "1",
                     "aggregate": "RATIO", "of": "blood_fraction", "over": "tissue_fraction",
                     "findingAbove": 0.0005,
                     "finding": "Hyperdense voxels in the range of acute blood: look for haemorrhage"}
                  ],
                  "triage": {"measure": "hyperdense_ratio", "urgentAt": 0.0005, "statAt": 0.01},
                  "mask": {"output": "blood_mask", "label": "Voxels at 50-90 HU", "threshold": 0.5},
                  "boxes": {"output": "blood_box", "label": "Around the 50-90 HU voxels", "minScore": 0.5}
                }
                """);
    }

    public static byte[] chestXrPackage() {
        return pack(CHEST_XR, 1, config(CHEST_XR, "image", """
                  { name: "exposure" data_type: TYPE_FP32 dims: [ 3 ] },
                """, "mean_level", "clipped_fraction"), chestXrOnnx(), """
                {
                  "name": "chest-xr-exposure",
                  "title": "Chest X-ray exposure check (demo)",
                  "intendedUse": "Demonstration of image quality feedback only. Reports the mean grey level of a \
                chest radiograph (its own range mapped to 0-1) and the share of pixels at either end of the grey \
                scale, and classifies the exposure as under (mean below 0.3), adequate or over (above 0.7), with a \
                softmax score per class. It says nothing about disease.",
                  "bodyParts": ["CHEST"],
                  "pricePerInference": 0.10,
                  "currency": "USD",
                  "regulatoryStatus": "Not a medical device. Not cleared or approved by any authority.",
                  "input": {"tensor": "image", "modalities": ["CR", "DX"], "minImages": 1, "series": "ALL",
                            "values": "MIN_MAX", "width": 256, "height": 256},
                  "measures": [
                    {"code": "mean_level", "label": "Mean grey level", "unit": "1", "aggregate": "MEAN",
                     "of": "mean_level"},
                    {"code": "clipped_fraction", "label": "Pixels at either end of the grey scale", "unit": "1",
                     "aggregate": "MEAN", "of": "clipped_fraction", "findingAbove": 0.5,
                     "finding": "Much of the image is clipped: check exposure and collimation"}
                  ],
                  "classes": {"output": "exposure", "label": "Exposure", "aggregate": "MEAN", "findingAt": 0.5,
                    "classes": [
                      {"code": "under", "label": "Underexposed", "finding": "Likely underexposed: check exposure"},
                      {"code": "adequate", "label": "Adequately exposed"},
                      {"code": "over", "label": "Overexposed", "finding": "Likely overexposed: check exposure"}
                    ]}
                }
                """);
    }

    /**
     * A config.pbtxt for 256 x 256 slices: one value per image for each of {@code outputs}, after the outputs of
     * other shapes given as config lines.
     */
    private static String config(String name, String input, String shaped, String... outputs) {
        StringBuilder text = new StringBuilder("name: \"" + name + "\"\nbackend: \"onnxruntime\"\n"
                + "max_batch_size: 16\ninput [\n  { name: \"" + input + "\" data_type: TYPE_FP32 format: "
                + "FORMAT_NCHW dims: [ 1, 256, 256 ] }\n]\noutput [\n").append(shaped);
        for (int i = 0; i < outputs.length; i++) {
            text.append("  { name: \"").append(outputs[i]).append("\" data_type: TYPE_FP32 dims: [ 1 ] }")
                    .append(i + 1 < outputs.length ? ",\n" : "\n");
        }
        return text.append("]\ninstance_group [ { kind: KIND_CPU, count: 1 } ]\n"
                + "dynamic_batching { max_queue_delay_microseconds: 2000 }\n").toString();
    }

    /** A model package: a zip with fixed entry times, so the same source gives the same bytes. */
    static byte[] pack(String name, int version, String config, byte[] onnx, String manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "radrelay-model.json", manifest.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/config.pbtxt", config.getBytes(StandardCharsets.UTF_8));
            entry(zip, name + "/" + version + "/model.onnx", onnx);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setLastModifiedTime(FileTime.fromMillis(1_764_547_200_000L));
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
