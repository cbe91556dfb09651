package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.inference.embedded.EmbeddedInferenceServer;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.marketplace.demo.DemoModels;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The client and the embedded server over real gRPC on loopback, with the demo head CT model. */
class EmbeddedKserveTests {

    static final String CONFIG = """
            name: "head-ct-hyperdensity"
            backend: "onnxruntime"
            max_batch_size: 4
            input [ { name: "hu" data_type: TYPE_FP32 dims: [ 1, 256, 256 ] } ]
            output [ { name: "blood_fraction" data_type: TYPE_FP32 dims: [ 1 ] },
                     { name: "tissue_fraction" data_type: TYPE_FP32 dims: [ 1 ] } ]
            """;

    static final InferenceSettings SETTINGS = new InferenceSettings("embedded", false, Duration.ofSeconds(10),
            DataSize.ofMegabytes(64), 16, 3, Duration.ofMillis(10), Duration.ofSeconds(5), 1,
            Duration.ofMinutes(5), DataSize.ofMegabytes(512), null);

    private static EmbeddedInferenceServer server;
    private static ManagedChannel channel;
    private static InferenceClient client;

    @BeforeAll
    static void start() {
        server = new EmbeddedInferenceServer(List.of(new OneModel(new ModelFiles(DemoModels.HEAD_CT, "1", CONFIG,
                DemoModels.headCtOnnx()))), SETTINGS);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        client = new InferenceClient(channel, SETTINGS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void answersHealthAndMetadataAsTritonWould() {
        assertThat(client.serverReady()).isTrue();
        assertThat(client.modelReady(DemoModels.HEAD_CT, "1")).isTrue();
        assertThat(client.modelReady("no-such-model", "")).isFalse();
        InferenceClient.Signature signature = client.metadata(DemoModels.HEAD_CT, "1");
        assertThat(signature.inputs()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("hu");
            assertThat(i.datatype()).isEqualTo("FP32");
            assertThat(i.shape()).containsExactly(-1L, 1L, 256L, 256L);
        });
        assertThat(signature.outputs()).extracting(InferenceClient.TensorInfo::name)
                .containsExactly("blood_fraction", "tissue_fraction");
    }

    @Test
    void infersABatchOfSlices() {
        float[] slices = new float[2 * 256 * 256];
        Arrays.fill(slices, 0, 256 * 256, 30f);
        // The second slice: a quarter at 70 HU (blood), the rest air.
        Arrays.fill(slices, 256 * 256, 256 * 256 + 256 * 64, 70f);
        Arrays.fill(slices, 256 * 256 + 256 * 64, slices.length, -1000f);
        Map<String, Tensor> out = client.infer(DemoModels.HEAD_CT, "1",
                new Tensor("hu", new long[] {2, 1, 256, 256}, slices), List.of("blood_fraction", "tissue_fraction"));
        assertThat(out.get("blood_fraction").shape()).containsExactly(2, 1);
        assertThat(out.get("blood_fraction").values()).containsExactly(0f, 0.25f);
        assertThat(out.get("tissue_fraction").values()).containsExactly(1f, 0.25f);
    }

    @Test
    void refusesWhatTheConfigDoesNotAllow() {
        Tensor tooMany = new Tensor("hu", new long[] {5, 1, 256, 256}, new float[5 * 256 * 256]);
        assertThatThrownBy(() -> client.infer(DemoModels.HEAD_CT, "1", tooMany, List.of("blood_fraction")))
                .isInstanceOfSatisfying(InferenceFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceFailure.Kind.REFUSED))
                .hasMessageContaining("batch of 1 to 4");
        Tensor wrongSize = new Tensor("hu", new long[] {1, 1, 128, 128}, new float[128 * 128]);
        assertThatThrownBy(() -> client.infer(DemoModels.HEAD_CT, "1", wrongSize, List.of("blood_fraction")))
                .hasMessageContaining("has shape [1, 1, 128, 128]");
        assertThatThrownBy(() -> client.infer("no-such-model", "", wrongSize, List.of("x")))
                .isInstanceOfSatisfying(InferenceFailure.class,
                        e -> assertThat(e.kind()).isEqualTo(InferenceFailure.Kind.UNAVAILABLE))
                .hasMessageContaining("not in the repository");
    }
}
