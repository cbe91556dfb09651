package com.radrelay.marketplace;

import com.radrelay.inference.GraphSignature;
import com.radrelay.inference.ModelSandbox;
import com.radrelay.inference.Recipe;
import com.radrelay.inference.TritonModelConfig;
import com.radrelay.inference.TritonModelConfig.TensorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A vendor's upload, unpacked and checked before anything is stored: a zip holding exactly
 * {@code radrelay-model.json}, {@code <name>/config.pbtxt} and {@code <name>/<version>/model.onnx} (Triton's
 * repository layout). The model is data: no other file (no Python, no shared library) is accepted, the ONNX graph
 * may use only the standard operator domains and no external data, and it is loaded once with ONNX Runtime, custom
 * ops off, in a process of its own under the models' memory limit, to compare its inputs and outputs with the
 * config. Every problem found is reported, not only the first.
 */
record ModelPackage(Manifest manifest, TritonModelConfig config, String configText, int version, byte[] onnx) {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern MODEL_FILE = Pattern.compile("([^/]+)/([0-9]{1,6})/model\\.onnx");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** Why an upload was refused: each line is one problem, in words a vendor can act on. */
    static final class Refused extends Exception {

        private final List<String> problems;

        Refused(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    static ModelPackage read(InputStream upload, MarketplaceSettings limits, ModelSandbox sandbox)
            throws Refused, IOException {
        byte[] manifestBytes = null;
        byte[] configBytes = null;
        byte[] onnx = null;
        String folder = null;
        int version = 0;
        List<String> problems = new ArrayList<>();
        long budget = limits.maxModelSize().toBytes() + 2 * 1024 * 1024;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(upload)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > 64) {
                    throw new Refused(List.of("the package holds more than 64 entries; a model needs three files"));
                }
                String path = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (path.startsWith("/") || path.contains("\\") || path.contains("..") || path.contains(":")) {
                    throw new Refused(List.of("the package names a file outside itself (" + path + ")"));
                }
                Matcher model = MODEL_FILE.matcher(path);
                byte[] content = readCapped(zip, budget, path);
                budget -= content.length;
                if (path.equals("radrelay-model.json")) {
                    manifestBytes = content;
                } else if (path.endsWith("/config.pbtxt") && path.indexOf('/') == path.length() - 13) {
                    configBytes = content;
                    folder = checkFolder(folder, path.substring(0, path.indexOf('/')), problems);
                } else if (model.matches()) {
                    onnx = content;
                    version = Integer.parseInt(model.group(2));
                    folder = checkFolder(folder, model.group(1), problems);
                } else {
                    problems.add("file " + path + " is not accepted: a package holds radrelay-model.json, "
                            + "<model>/config.pbtxt and <model>/<version>/model.onnx, and never code");
                }
            }
        } catch (ZipException e) {
            throw new Refused(List.of("the upload is not a readable zip archive (" + e.getMessage() + ")"));
        }
        if (manifestBytes == null) {
            problems.add("radrelay-model.json is missing");
        }
        if (configBytes == null) {
            problems.add("<model>/config.pbtxt is missing");
        }
        if (onnx == null) {
            problems.add("<model>/<version>/model.onnx is missing");
        } else if (onnx.length > limits.maxModelSize().toBytes()) {
            problems.add("model.onnx is larger than " + limits.maxModelSize().toMegabytes() + " MB");
        }
        if (version == 0 && onnx != null) {
            problems.add("the version folder must be a number from 1");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        String configText = new String(configBytes, StandardCharsets.UTF_8);
        Manifest manifest = manifest(manifestBytes, problems);
        TritonModelConfig config = config(configText, folder, problems);
        if (manifest != null && config != null) {
            checkManifest(manifest, config, folder, problems);
            OnnxInspection.check(onnx, problems);
            if (problems.isEmpty()) {
                checkGraph(onnx, config, sandbox, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return new ModelPackage(manifest, config, configText, version, onnx);
    }

    private static String checkFolder(@Nullable String seen, String folder, List<String> problems) {
        if (seen != null && !seen.equals(folder)) {
            problems.add("the package holds two models (" + seen + ", " + folder + "); upload one at a time");
        }
        return folder;
    }

    /** Reads one entry, counting what it inflates to, so a zip bomb stops at the limit rather than filling memory. */
    private static byte[] readCapped(InputStream in, long budget, String path) throws IOException, Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > budget) {
                throw new Refused(List.of(path + " unpacks to more than the package limit"));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static @Nullable Manifest manifest(byte[] json, List<String> problems) {
        try {
            return JSON.readValue(json, Manifest.class);
        } catch (JacksonException e) {
            problems.add("radrelay-model.json: " + e.getOriginalMessage());
            return null;
        }
    }

    private static @Nullable TritonModelConfig config(String text, @Nullable String folder, List<String> problems) {
        try {
            TritonModelConfig config = TritonModelConfig.parse(text);
            if (!config.onnxRuntime()) {
                problems.add("config.pbtxt: backend \"" + config.backend() + "\" / platform \"" + config.platform()
                        + "\" is not served: RadRelay runs ONNX models only (backend \"onnxruntime\"), never "
                        + "Python or custom code");
            }
            if (!config.name().equals(folder)) {
                problems.add("config.pbtxt names the model \"" + config.name() + "\" but its folder is \"" + folder
                        + "\"");
            }
            return config;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static void checkManifest(Manifest m, TritonModelConfig config, @Nullable String folder,
            List<String> problems) {
        if (m.name() == null || !NAME.matcher(m.name()).matches()) {
            problems.add("name must be 2-63 lower-case letters, digits or dashes");
        } else if (!m.name().equals(folder)) {
            problems.add("the manifest names \"" + m.name() + "\" but the model folder is \"" + folder + "\"");
        }
        String[][] required = {{"title", m.title()}, {"intendedUse", m.intendedUse()},
            {"regulatoryStatus", m.regulatoryStatus()}, {"currency", m.currency()}};
        for (String[] field : required) {
            if (field[1] == null || field[1].isBlank()) {
                problems.add(field[0] + " is required");
            }
        }
        if (m.pricePerInference() == null || m.pricePerInference().signum() < 0) {
            problems.add("pricePerInference must be zero or more");
        }
        if (m.currency() != null && !m.currency().matches("[A-Z]{3}")) {
            problems.add("currency must be an ISO 4217 code such as USD");
        }
        if (m.bodyParts() == null) {
            problems.add("bodyParts is required (an empty list means any)");
        }
        Recipe.Input in = m.input();
        if (in == null || in.tensor() == null || in.modalities() == null || in.modalities().isEmpty()
                || in.series() == null || in.values() == null) {
            problems.add("input needs tensor, modalities, series (LARGEST or ALL) and values (MODALITY, WINDOW or "
                    + "MIN_MAX)");
            return;
        }
        if (in.width() < 16 || in.width() > 1024 || in.height() < 16 || in.height() > 1024 || in.minImages() < 1) {
            problems.add("input width and height must be 16-1024 and minImages at least 1");
        }
        TensorConfig tensor = config.inputs().stream().filter(t -> t.name().equals(in.tensor())).findFirst()
                .orElse(null);
        long[] expected = config.maxBatchSize() > 0 ? new long[] {1, in.height(), in.width()}
                : new long[] {1, 1, in.height(), in.width()};
        if (tensor == null || config.inputs().size() != 1) {
            problems.add("the model must have exactly one input, named as the manifest's input.tensor ("
                    + in.tensor() + ")");
        } else if (!"TYPE_FP32".equals(tensor.dataType()) || !Arrays.equals(tensor.dims(), expected)) {
            problems.add("input " + in.tensor() + " must be TYPE_FP32 with dims " + Arrays.toString(expected)
                    + " (one channel of height x width" + (config.maxBatchSize() > 0 ? ", batch apart" : "")
                    + "), config.pbtxt says " + tensor.dataType() + " " + Arrays.toString(tensor.dims()));
        }
        checkMeasures(m, config, problems);
        checkMask(m, config, problems);
        checkBoxes(m, config, problems);
        checkClasses(m, config, problems);
        Recipe.Triage triage = m.triage();
        if (triage != null && (!scoreCodes(m).contains(triage.measure()) || triage.urgentAt() > triage.statAt())) {
            problems.add("triage must name one of the measures or classes, with urgentAt no higher than statAt");
        }
    }

    /** The codes a study-level score goes by: the measures' and the classes'. */
    private static List<String> scoreCodes(Manifest m) {
        List<String> codes = new ArrayList<>();
        if (m.measures() != null) {
            m.measures().stream().map(Recipe.Measure::code).forEach(codes::add);
        }
        if (m.classes() != null && m.classes().classes() != null) {
            m.classes().classes().stream().map(Recipe.ClassLabel::code).forEach(codes::add);
        }
        return codes;
    }

    /** Classes one classification output may name: enough for any finding list, few enough to read per image. */
    private static final int MAX_CLASSES = 64;

    private static void checkClasses(Manifest m, TritonModelConfig config, List<String> problems) {
        Recipe.Classes classes = m.classes();
        if (classes == null) {
            return;
        }
        if (classes.output() == null || classes.label() == null || classes.label().isBlank()
                || classes.label().length() > 64 || classes.classes() == null || !Double.isFinite(classes.findingAt())
                || (classes.aggregate() != Recipe.Aggregate.MEAN && classes.aggregate() != Recipe.Aggregate.MAX)) {
            problems.add("classes needs an output, a label of 1-64 characters, an aggregate (MEAN or MAX), a list of "
                    + "classes and a finite findingAt");
            return;
        }
        int count = classes.classes().size();
        if (count < 2 || count > MAX_CLASSES) {
            problems.add("classes must list 2-" + MAX_CLASSES + " classes, not " + count);
            return;
        }
        for (Recipe.ClassLabel c : classes.classes()) {
            if (c.code() == null || !c.code().matches("[a-z0-9_]{1,16}") || c.label() == null || c.label().isBlank()
                    || c.label().length() > 64 || (c.finding() != null && c.finding().isBlank())) {
                problems.add("each class needs a code (1-16 of a-z, 0-9, _) and a label of 1-64 characters; a "
                        + "finding, if given, is not blank");
                return;
            }
        }
        List<String> codes = scoreCodes(m);
        codes.stream().filter(code -> codes.indexOf(code) != codes.lastIndexOf(code)).distinct().forEach(code ->
                problems.add("code " + code + " names two measures or classes; each needs its own"));
        TensorConfig out = config.outputs().stream().filter(t -> t.name().equals(classes.output())).findFirst()
                .orElse(null);
        long[] scores = config.maxBatchSize() > 0 ? new long[] {count} : new long[] {1, count};
        if (out == null) {
            problems.add("classes reads output " + classes.output() + ", which config.pbtxt does not declare");
        } else if (!"TYPE_FP32".equals(out.dataType()) || !Arrays.equals(out.dims(), scores)) {
            problems.add("classes output " + classes.output() + " must be TYPE_FP32 with dims "
                    + Arrays.toString(scores) + " (one score per class and image, " + count + " classes listed), "
                    + "config.pbtxt says " + out.dataType() + " " + Arrays.toString(out.dims()));
        }
    }

    /** At most this many boxes per image: a detector's output is read for every image of a study. */
    private static final int MAX_BOXES = 100;

    private static void checkBoxes(Manifest m, TritonModelConfig config, List<String> problems) {
        Recipe.Boxes boxes = m.boxes();
        if (boxes == null) {
            return;
        }
        if (boxes.output() == null || boxes.label() == null || boxes.label().isBlank() || boxes.label().length() > 64
                || !Double.isFinite(boxes.minScore())) {
            problems.add("boxes needs an output, a label of 1-64 characters and a finite minScore");
            return;
        }
        TensorConfig out = config.outputs().stream().filter(t -> t.name().equals(boxes.output())).findFirst()
                .orElse(null);
        long[] dims = out == null ? new long[0] : out.dims();
        int rows = config.maxBatchSize() > 0 ? 0 : 1;
        boolean shaped = dims.length == rows + 2 && (rows == 0 || dims[0] == 1) && dims[rows] >= 1
                && dims[rows] <= MAX_BOXES && dims[rows + 1] == 5;
        if (out == null) {
            problems.add("boxes reads output " + boxes.output() + ", which config.pbtxt does not declare");
        } else if (!"TYPE_FP32".equals(out.dataType()) || !shaped) {
            problems.add("boxes output " + boxes.output() + " must be TYPE_FP32 with dims " + (rows == 0 ? "[K, 5]"
                    : "[1, K, 5]") + " (K boxes of x0, y0, x1, y1, score per image, K at most " + MAX_BOXES
                    + "), config.pbtxt says " + out.dataType() + " " + Arrays.toString(dims));
        }
    }

    private static void checkMask(Manifest m, TritonModelConfig config, List<String> problems) {
        Recipe.Mask mask = m.mask();
        if (mask == null) {
            return;
        }
        if (mask.output() == null || mask.label() == null || mask.label().isBlank() || mask.label().length() > 64
                || !Double.isFinite(mask.threshold())) {
            problems.add("mask needs an output, a label of 1-64 characters and a finite threshold");
            return;
        }
        Recipe.Input in = m.input();
        long[] plane = config.maxBatchSize() > 0 ? new long[] {1, in.height(), in.width()}
                : new long[] {1, 1, in.height(), in.width()};
        TensorConfig out = config.outputs().stream().filter(t -> t.name().equals(mask.output())).findFirst()
                .orElse(null);
        if (out == null) {
            problems.add("mask reads output " + mask.output() + ", which config.pbtxt does not declare");
        } else if (!"TYPE_FP32".equals(out.dataType()) || !Arrays.equals(out.dims(), plane)) {
            problems.add("mask output " + mask.output() + " must be TYPE_FP32 with dims " + Arrays.toString(plane)
                    + " (one plane of the input's size per image), config.pbtxt says " + out.dataType() + " "
                    + Arrays.toString(out.dims()));
        }
    }

    private static void checkMeasures(Manifest m, TritonModelConfig config, List<String> problems) {
        if (m.measures() == null || m.measures().isEmpty()) {
            problems.add("measures: at least one measure is required");
            return;
        }
        long[] perImage = config.maxBatchSize() > 0 ? new long[] {1} : new long[] {1, 1};
        for (Recipe.Measure measure : m.measures()) {
            if (measure.code() == null || !measure.code().matches("[a-z0-9_]{1,16}") || measure.label() == null
                    || measure.unit() == null || measure.aggregate() == null || measure.of() == null) {
                problems.add("each measure needs a code (1-16 of a-z, 0-9, _), label, unit, aggregate and of");
                continue;
            }
            for (String output : measure.over() == null ? List.of(measure.of())
                    : List.of(measure.of(), measure.over())) {
                TensorConfig out = config.outputs().stream().filter(t -> t.name().equals(output)).findFirst()
                        .orElse(null);
                if (out == null) {
                    problems.add("measure " + measure.code() + " reads output " + output + ", which config.pbtxt "
                            + "does not declare");
                } else if (!"TYPE_FP32".equals(out.dataType()) || !Arrays.equals(out.dims(), perImage)) {
                    problems.add("output " + output + " must be TYPE_FP32 with dims " + Arrays.toString(perImage)
                            + " (one value per image)");
                }
            }
            if (measure.aggregate() == Recipe.Aggregate.RATIO && measure.over() == null) {
                problems.add("measure " + measure.code() + " is a RATIO and needs over");
            }
        }
    }

    /**
     * Loads the graph in a sandboxed model process (custom ops off, the models' memory and time limits), runs its
     * largest batch once, and compares its signature with config.pbtxt.
     */
    private static void checkGraph(byte[] onnx, TritonModelConfig config, ModelSandbox sandbox,
            List<String> problems) {
        GraphSignature graph;
        TensorConfig input = config.inputs().getFirst();
        try {
            graph = sandbox.load(onnx, input.name(), config.requestShape(input, config.maxBatchSize()));
        } catch (IllegalArgumentException e) {
            problems.add("model.onnx " + e.getMessage());
            return;
        }
        compare("input", config.inputs(), graph.inputs(), config, problems);
        compare("output", config.outputs(), graph.outputs(), config, problems);
    }

    private static void compare(String kind, List<TensorConfig> declared, List<GraphSignature.Tensor> graph,
            TritonModelConfig config, List<String> problems) {
        for (TensorConfig t : declared) {
            GraphSignature.Tensor node = graph.stream().filter(g -> g.name().equals(t.name())).findFirst()
                    .orElse(null);
            if (node == null) {
                problems.add("config.pbtxt declares " + kind + " " + t.name() + ", which the ONNX graph does not have"
                        + " (it has " + graph.stream().map(GraphSignature.Tensor::name).toList() + ")");
                continue;
            }
            long[] want = config.requestShape(t, -1);
            long[] have = node.shape();
            boolean same = want.length == have.length && "FLOAT".equals(node.type());
            for (int d = 0; same && d < want.length; d++) {
                same = want[d] == have[d] || (want[d] == -1 && have[d] < 0);
            }
            if (!same) {
                problems.add(kind + " " + t.name() + ": config.pbtxt gives " + t.dataType() + " "
                        + Arrays.toString(want) + ", the ONNX graph has " + node.type() + " " + Arrays.toString(have));
            }
        }
    }
}
