package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.inference.embedded.EmbeddedInferenceServer;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.inference.spi.ModelSource;
import com.radrelay.marketplace.demo.DemoModels;
import com.radrelay.marketplace.demo.OnnxGraph;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Each model runs in a process of its own under the embedded server, limited in memory and in time: a model that
 * needs more memory than its limit, or runs past its time, fails alone, and the server and other models go on.
 */
class ModelLimitsTests {

    /** Each of 256 x 256 pixels times {@code channels} constants: a quarter MB of FP32 per channel and image. */
    private static ModelFiles spreading(String name, int channels) {
        float[] twos = new float[channels];
        Arrays.fill(twos, 2f);
        OnnxGraph g = new OnnxGraph(name).input("image", -1, 1, 256, 256).output("level", -1, 1);
        String spread = g.node("Mul", List.of("image", g.constant(twos, 1, channels, 1, 1)));
        String perChannel = g.node("ReduceMean", List.of(spread), "axes", new long[] {2, 3}, "keepdims", 0);
        g.output("ReduceMean", List.of(perChannel), "level", "axes", new long[] {1}, "keepdims", 1);
        return files(name, g);
    }

    private static InferenceSettings settings(Duration runTimeLimit, DataSize memory) {
        return new InferenceSettings("embedded", false, Duration.ofSeconds(60), DataSize.ofMegabytes(64), 16, 3,
                Duration.ofMillis(10), runTimeLimit, 1, Duration.ofMinutes(5), memory, null);
    }

    /** The embedded server with these models and the production client talking to it over gRPC. */
    private record Served(EmbeddedInferenceServer server, ManagedChannel channel, InferenceClient client)
            implements AutoCloseable {

        static Served with(InferenceSettings settings, ModelFiles... models) {
            EmbeddedInferenceServer server = new EmbeddedInferenceServer(Arrays.stream(models)
                    .<ModelSource>map(OneModel::new).toList(), settings);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                    .build();
            return new Served(server, channel, new InferenceClient(channel, settings));
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    /** Filled with {@code value}: the swelling model grows each image {@code value + 1} times in each direction. */
    private static Tensor filled(int images, float value) {
        float[] values = new float[images * 256 * 256];
        Arrays.fill(values, value);
        return new Tensor("image", new long[] {images, 1, 256, 256}, values);
    }

    /**
     * A model whose time grows with its input: it swells each image as {@link #swelling()} does, then takes square
     * root and absolute value 20 times over. On ones it stays at 512 x 512; an image of 30s becomes 7,936 x 7,936
     * (250 MB), which 40 passes over take seconds.
     */
    private static ModelFiles labouring() {
        OnnxGraph g = new OnnxGraph("labouring").input("image", -1, 1, 256, 256).output("level", -1, 1);
        String value = swell(g);
        for (int pass = 0; pass < 20; pass++) {
            value = g.node("Sqrt", List.of(g.node("Abs", List.of(value))));
        }
        g.output("ReduceMean", List.of(value), "level", "axes", new long[] {2, 3}, "keepdims", 0);
        return files("labouring", g);
    }

    /** Each image resized by its brightest pixel plus one in each direction (nearest neighbour). */
    private static String swell(OnnxGraph g) {
        String peak = g.node("Flatten", List.of(g.node("ReduceMax", List.of("image"), "keepdims", 1)), "axis", 0);
        String scale = g.node("Add", List.of(g.node("ReduceMax", List.of(peak), "axes", new long[] {0}, "keepdims",
                0), g.constant(1)));
        String scales = g.node("Concat", List.of(g.constant(new float[] {1, 1}, 2), scale, scale), "axis", 0);
        return g.node("Resize", List.of("image", "", scales));
    }

    /** The model files for a graph of one 256 x 256 image input and one value per image, batches of up to 4. */
    private static ModelFiles files(String name, OnnxGraph g) {
        String config = "name: \"" + name + "\"\nbackend: \"onnxruntime\"\nmax_batch_size: 4\n"
                + "input [ { name: \"image\" data_type: TYPE_FP32 dims: [ 1, 256, 256 ] } ]\n"
                + "output [ { name: \"level\" data_type: TYPE_FP32 dims: [ 1 ] } ]\n";
        return new ModelFiles(name, "1", config, g.toBytes());
    }

    /**
     * A model whose memory and time grow with its input: it resizes each image by its brightest pixel plus one in
     * each direction (nearest neighbour), then averages. On zeros (the load-time run) it stays at 256 x 256; an image
     * of 60s becomes 15,616 x 15,616, about 1 GB.
     */
    private static ModelFiles swelling() {
        OnnxGraph g = new OnnxGraph("swelling").input("image", -1, 1, 256, 256).output("level", -1, 1);
        g.output("ReduceMean", List.of(swell(g)), "level", "axes", new long[] {2, 3}, "keepdims", 0);
        return files("swelling", g);
    }

    @Test
    void aModelThatCannotRunItsLargestBatchWithinItsMemoryIsNotServedAndOthersAre() throws Exception {
        ModelFiles modest = spreading("modest", 64);
        ModelFiles greedy = spreading("greedy", 4096);
        ModelFiles headCt = new ModelFiles(DemoModels.HEAD_CT, "1", EmbeddedKserveTests.CONFIG,
                DemoModels.headCtOnnx());
        InferenceSettings settings = settings(Duration.ofSeconds(30), DataSize.ofMegabytes(384));
        try (Served served = Served.with(settings, modest, greedy, headCt)) {
            InferenceClient client = served.client();
            // 16 MB per image fits in 384 MB at the config's batch of 4; 1 GB per image does not.
            assertThat(client.infer("modest", "1", filled(2, 1), List.of("level")).get("level").values())
                    .containsExactly(2f, 2f);
            assertThat(client.modelReady("greedy", "1")).isFalse();
            assertThatThrownBy(() -> client.infer("greedy", "1", filled(1, 1), List.of("level")))
                    .isInstanceOfSatisfying(InferenceFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(InferenceFailure.Kind.UNAVAILABLE))
                    .hasMessageContaining("does not load")
                    .hasMessageContaining("needed more than its 384 MB of memory");
            assertThat(client.infer("modest", "1", filled(1, 1), List.of("level")).get("level").values())
                    .as("the other model's process is untouched").containsExactly(2f);
            assertThat(client.infer(DemoModels.HEAD_CT, "1", new Tensor("hu", new long[] {1, 1, 256, 256},
                    new float[256 * 256]), List.of("tissue_fraction")).get("tissue_fraction").values())
                    .containsExactly(1f);
        }
    }

    @Test
    void aModelWhoseInputMakesItNeedMoreThanItsMemoryFailsAloneAndStartsAgain() throws Exception {
        InferenceSettings settings = settings(Duration.ofSeconds(30), DataSize.ofMegabytes(384));
        try (Served served = Served.with(settings, swelling(), spreading("modest", 64))) {
            InferenceClient client = served.client();
            assertThat(client.infer("swelling", "1", filled(1, 1), List.of("level")).get("level").values())
                    .containsExactly(1f);
            assertThatThrownBy(() -> client.infer("swelling", "1", filled(1, 60), List.of("level")))
                    .isInstanceOfSatisfying(InferenceFailure.class, e -> assertThat(e.kind())
                            .isEqualTo(InferenceFailure.Kind.UNAVAILABLE))
                    .hasMessageContaining("RESOURCE_EXHAUSTED")
                    .hasMessageContaining("needed more than its 384 MB of memory");
            assertThat(client.infer("modest", "1", filled(1, 1), List.of("level")).get("level").values())
                    .as("the other model's process is untouched").containsExactly(2f);
            assertThat(client.infer("swelling", "1", filled(1, 2), List.of("level")).get("level").values())
                    .as("started again").containsExactly(2f);
        }
    }

    /**
     * Two small constants whose product ONNX Runtime folds while it optimises the graph: loaded in this JVM, the
     * graph takes 2.2 GB before any input arrives (measured); in its process, folding gives up at the limit.
     */
    private static ModelFiles folding() {
        OnnxGraph g = new OnnxGraph("folding").input("image", -1, 1, 256, 256).output("level", -1, 1);
        float[] column = new float[4096];
        Arrays.fill(column, 1f);
        String wide = g.node("Mul", List.of(g.constant(column, 4096, 1, 1), g.constant(new float[256 * 256], 1, 256,
                256)));
        String folded = g.node("ReduceMean", List.of(wide), "keepdims", 0);
        String perImage = g.node("ReduceMean", List.of("image"), "axes", new long[] {2, 3}, "keepdims", 0);
        g.output("Add", List.of(perImage, folded), "level");
        return files("folding", g);
    }

    @Test
    void anUploadIsLoadedAndRunOnceInAProcessOfItsOwnWithinTheLimits() {
        ModelSandbox sandbox = new ModelSandbox(DataSize.ofMegabytes(384), Duration.ofSeconds(30));
        long[] largest = {4, 1, 256, 256};
        GraphSignature signature = sandbox.load(spreading("small", 16).onnx(), "image", largest);
        assertThat(signature.inputs()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("image");
            assertThat(i.type()).isEqualTo("FLOAT");
            assertThat(i.shape()).containsExactly(-1, 1, 256, 256);
        });
        assertThat(signature.outputs()).extracting(GraphSignature.Tensor::name).containsExactly("level");
        // Folding gives up at the limit, so the graph loads; running its batch of 4 asks for the same 1 GB.
        assertThatThrownBy(() -> sandbox.load(folding().onnx(), "image", largest))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not run a batch of 4 images within 384 MB and 30 s")
                .hasMessageContaining("needed more than its 384 MB of memory");
        assertThatThrownBy(() -> sandbox.load(new byte[] {1, 2, 3}, "image", largest))
                .hasMessageContaining("does not load in ONNX Runtime").hasMessageContaining("protobuf parsing failed");
    }

    @Test
    void aRunPastItsTimeIsStoppedAndTheModelStartsAgain() throws Exception {
        InferenceSettings settings = settings(Duration.ofSeconds(1), DataSize.ofGigabytes(3));
        try (Served served = Served.with(settings, labouring(), spreading("quick", 4))) {
            InferenceClient client = served.client();
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> client.infer("labouring", "1", filled(1, 30), List.of("level")))
                        .isInstanceOfSatisfying(InferenceFailure.class, e -> assertThat(e.kind())
                                .isEqualTo(InferenceFailure.Kind.TIMEOUT))
                        .hasMessageContaining("took longer than 1000 ms and was stopped");
            }
            assertThat(client.infer("labouring", "1", filled(1, 1), List.of("level")).get("level").values())
                    .as("started again").containsExactly(1f);
            assertThat(client.infer("quick", "1", filled(1, 1), List.of("level")).get("level").values())
                    .containsExactly(2f);
        }
    }
}
