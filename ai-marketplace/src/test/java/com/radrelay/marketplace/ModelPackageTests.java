package com.radrelay.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import com.radrelay.inference.ModelSandbox;
import com.radrelay.marketplace.demo.DemoModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What a vendor's upload must be, and the words it gets back when it is not. */
class ModelPackageTests {

    static final MarketplaceSettings LIMITS = new MarketplaceSettings(DataSize.ofMegabytes(20),
            DataSize.ofMegabytes(10), 0.7, 10, Duration.ofMinutes(10), Duration.ofDays(1), 10, 0.2,
            Duration.ofMinutes(1), null);
    static final ModelSandbox SANDBOX = new ModelSandbox(DataSize.ofMegabytes(512), Duration.ofSeconds(20));

    @Test
    void theDemoPackagesPassEveryCheck() throws Exception {
        ModelPackage head = ModelPackage.read(new ByteArrayInputStream(DemoModels.headCtPackage()), LIMITS,
                SANDBOX);
        assertThat(head.manifest().name()).isEqualTo(DemoModels.HEAD_CT);
        assertThat(head.version()).isEqualTo(1);
        assertThat(head.config().maxBatchSize()).isEqualTo(16);
        assertThat(ModelPackage.read(new ByteArrayInputStream(DemoModels.chestXrPackage()), LIMITS, SANDBOX)
                .manifest().input().modalities()).containsExactly("CR", "DX");
    }

    @Test
    void theDemoModelsAreTheSameBytesEachTime() {
        assertThat(DemoModels.headCtPackage()).isEqualTo(DemoModels.headCtPackage());
        assertThat(ModelCatalogue.sha256(DemoModels.chestXrOnnx()))
                .isEqualTo(ModelCatalogue.sha256(DemoModels.chestXrOnnx()));
    }

    @Test
    void codeIsNeverAccepted() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        files.put("head-ct-hyperdensity/1/libcustom_ops.so", new byte[] {0x7f, 'E', 'L', 'F'});
        files.put("head-ct-hyperdensity/1/model.py", "import os".getBytes(StandardCharsets.UTF_8));
        assertThat(problems(files)).anyMatch(p -> p.contains("libcustom_ops.so is not accepted"))
                .anyMatch(p -> p.contains("model.py is not accepted"));
    }

    @Test
    void aPythonBackendIsRefused() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        replace(files, "head-ct-hyperdensity/config.pbtxt", "backend: \"onnxruntime\"", "backend: \"python\"");
        assertThat(problems(files)).anyMatch(p -> p.contains("backend \"python\"") && p.contains("ONNX models only"));
    }

    @Test
    void aConfigThatDisagreesWithTheGraphIsRefused() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        replace(files, "head-ct-hyperdensity/config.pbtxt", "name: \"tissue_fraction\"", "name: \"brain_fraction\"");
        replace(files, "radrelay-model.json", "\"over\": \"tissue_fraction\"", "\"over\": \"brain_fraction\"");
        assertThat(problems(files)).anyMatch(p -> p.contains("declares output brain_fraction, which the ONNX graph "
                + "does not have"));
    }

    @Test
    void wrongDimsAndABadEnumAreNamed() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        replace(files, "head-ct-hyperdensity/config.pbtxt", "dims: [ 1, 256, 256 ]", "dims: [ 3, 224, 224 ]");
        assertThat(problems(files)).anyMatch(p -> p.contains("input hu must be TYPE_FP32 with dims [1, 256, 256]"));
        Map<String, byte[]> badEnum = files(DemoModels.headCtPackage());
        replace(badEnum, "head-ct-hyperdensity/config.pbtxt", "data_type: TYPE_FP32 format", "data_type: FLOAT "
                + "format");
        assertThat(problems(badEnum)).anyMatch(p -> p.startsWith("config.pbtxt:") && p.contains("FLOAT"));
    }

    @Test
    void aMaskMustNameAnOutputOfOnePlanePerImage() throws Exception {
        Map<String, byte[]> perImage = files(DemoModels.headCtPackage());
        replace(perImage, "radrelay-model.json", "\"output\": \"blood_mask\"", "\"output\": \"blood_fraction\"");
        assertThat(problems(perImage)).contains("mask output blood_fraction must be TYPE_FP32 with dims [1, 256, 256] "
                + "(one plane of the input's size per image), config.pbtxt says TYPE_FP32 [1]");
        Map<String, byte[]> unnamed = files(DemoModels.headCtPackage());
        replace(unnamed, "radrelay-model.json", "\"label\": \"Voxels at 50-90 HU\", ", "");
        assertThat(problems(unnamed)).contains("mask needs an output, a label of 1-64 characters and a finite "
                + "threshold");
    }

    @Test
    void boxesMustNameAnOutputOfRowsOfFiveValues() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        replace(files, "radrelay-model.json", "\"output\": \"blood_box\"", "\"output\": \"blood_fraction\"");
        assertThat(problems(files)).contains("boxes output blood_fraction must be TYPE_FP32 with dims [K, 5] (K "
                + "boxes of x0, y0, x1, y1, score per image, K at most 100), config.pbtxt says TYPE_FP32 [1]");
    }

    @Test
    void classesMustNameAnOutputOfAScorePerClassWithCodesOfTheirOwn() throws Exception {
        String manifest = "radrelay-model.json";
        Map<String, byte[]> oneValue = files(DemoModels.chestXrPackage());
        replace(oneValue, manifest, "\"output\": \"exposure\"", "\"output\": \"mean_level\"");
        assertThat(problems(oneValue)).contains("classes output mean_level must be TYPE_FP32 with dims [3] (one "
                + "score per class and image, 3 classes listed), config.pbtxt says TYPE_FP32 [1]");
        Map<String, byte[]> fourListed = files(DemoModels.chestXrPackage());
        replace(fourListed, manifest, "{\"code\": \"adequate\", \"label\": \"Adequately exposed\"},",
                "{\"code\": \"adequate\", \"label\": \"Adequately exposed\"}, {\"code\": \"grid\", \"label\": \"Grid "
                + "lines\"},");
        assertThat(problems(fourListed)).contains("classes output exposure must be TYPE_FP32 with dims [4] (one score "
                + "per class and image, 4 classes listed), config.pbtxt says TYPE_FP32 [3]");
        Map<String, byte[]> sameCode = files(DemoModels.chestXrPackage());
        replace(sameCode, manifest, "{\"code\": \"over\"", "{\"code\": \"mean_level\"");
        assertThat(problems(sameCode)).contains("code mean_level names two measures or classes; each needs its own");
        Map<String, byte[]> ratio = files(DemoModels.chestXrPackage());
        replace(ratio, manifest, "\"label\": \"Exposure\", \"aggregate\": \"MEAN\"", "\"label\": \"Exposure\", "
                + "\"aggregate\": \"RATIO\"");
        assertThat(problems(ratio)).contains("classes needs an output, a label of 1-64 characters, an aggregate "
                + "(MEAN or MAX), a list of classes and a finite findingAt");
        Map<String, byte[]> triage = files(DemoModels.chestXrPackage());
        replace(triage, manifest, "\"classes\": {", "\"triage\": {\"measure\": \"under\", \"urgentAt\": 0.5, "
                + "\"statAt\": 0.9}, \"classes\": {");
        assertThat(ModelPackage.read(new ByteArrayInputStream(zip(triage)), LIMITS, SANDBOX).manifest().triage()
                .measure()).isEqualTo("under");
        Map<String, byte[]> unknownTriage = files(DemoModels.chestXrPackage());
        replace(unknownTriage, manifest, "\"classes\": {", "\"triage\": {\"measure\": \"dark\", \"urgentAt\": 0.5, "
                + "\"statAt\": 0.9}, \"classes\": {");
        assertThat(problems(unknownTriage)).contains("triage must name one of the measures or classes, with urgentAt "
                + "no higher than statAt");
    }

    @Test
    void aManifestWithUnknownOrMissingFieldsIsRefused() throws Exception {
        Map<String, byte[]> files = files(DemoModels.headCtPackage());
        replace(files, "radrelay-model.json", "\"currency\": \"USD\",", "\"currency\": \"USD\", \"colour\": 1,");
        assertThat(problems(files)).anyMatch(p -> p.contains("radrelay-model.json") && p.contains("colour"));
        Map<String, byte[]> missing = files(DemoModels.headCtPackage());
        replace(missing, "radrelay-model.json", "\"regulatoryStatus\": \"Not a medical device. Not cleared or "
                + "approved by any authority.\",", "");
        assertThat(problems(missing)).contains("regulatoryStatus is required");
    }

    @Test
    void pathTricksZipBombsAndNonZipsAreRefused() throws Exception {
        Map<String, byte[]> escape = files(DemoModels.headCtPackage());
        escape.put("../../etc/cron.d/x", new byte[1]);
        assertThat(problems(escape)).singleElement().asString().contains("outside itself");

        Map<String, byte[]> bomb = files(DemoModels.headCtPackage());
        bomb.put("head-ct-hyperdensity/1/model.onnx", new byte[(int) LIMITS.maxModelSize().toBytes() + 3_000_000]);
        assertThat(problems(bomb)).singleElement().asString().contains("unpacks to more than the package limit");

        assertThatThrownBy(() -> ModelPackage.read(new ByteArrayInputStream("%PDF-1.7".getBytes(
                StandardCharsets.US_ASCII)), LIMITS, SANDBOX)).isInstanceOfSatisfying(ModelPackage.Refused.class,
                        e -> assertThat(e.problems()).anyMatch(p -> p.contains("is missing")));
    }

    @Test
    void customOperatorDomainsAreRefused() throws IOException {
        List<String> problems = new ArrayList<>();
        OnnxInspection.check(customOpModel(), problems);
        assertThat(problems).singleElement().asString().contains("[com.vendor.ops]");
    }

    /** A ModelProto whose one node is a vendor's own operator, as onnx.proto encodes it. */
    private static byte[] customOpModel() throws IOException {
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        CodedOutputStream n = CodedOutputStream.newInstance(node);
        n.writeString(1, "x");
        n.writeString(2, "y");
        n.writeString(4, "Secret");
        n.writeString(7, "com.vendor.ops");
        n.flush();
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        CodedOutputStream g = CodedOutputStream.newInstance(graph);
        g.writeByteArray(1, node.toByteArray());
        g.flush();
        ByteArrayOutputStream opset = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(opset);
        o.writeString(1, "com.vendor.ops");
        o.writeInt64(2, 1);
        o.flush();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        CodedOutputStream m = CodedOutputStream.newInstance(model);
        m.writeInt64(1, 8);
        m.writeByteArray(7, graph.toByteArray());
        m.writeByteArray(8, opset.toByteArray());
        m.flush();
        return model.toByteArray();
    }

    private static List<String> problems(Map<String, byte[]> files) throws IOException {
        try {
            ModelPackage.read(new ByteArrayInputStream(zip(files)), LIMITS, SANDBOX);
        } catch (ModelPackage.Refused e) {
            return e.problems();
        }
        throw new AssertionError("the package was accepted");
    }

    private static void replace(Map<String, byte[]> files, String path, String from, String to) {
        String text = new String(files.get(path), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        files.put(path, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, byte[]> files(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
