package com.radrelay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.radrelay.inference.embedded.EmbeddedInferenceServer;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.marketplace.demo.DemoModels;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Triton's repository extension (index, explicit load and unload, model configuration) through the client over real
 * HTTP, against the embedded server; what it loads and unloads is what the KServe v2 gRPC side then serves.
 */
class TritonRepositoryTests {

    private EmbeddedInferenceServer server;
    private ManagedChannel channel;
    private InferenceClient client;
    private TritonRepository repository;

    @BeforeEach
    void start() {
        server = new EmbeddedInferenceServer(List.of(new OneModel(new ModelFiles(DemoModels.HEAD_CT, "1",
                EmbeddedKserveTests.CONFIG, DemoModels.headCtOnnx()))), EmbeddedKserveTests.SETTINGS);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        client = new InferenceClient(channel, EmbeddedKserveTests.SETTINGS);
        repository = new TritonRepository(URI.create("http://127.0.0.1:" + server.repositoryPort()),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void theIndexFollowsLoadAndUnloadAndSoDoesTheInferenceSide() {
        assertThat(repository.index()).containsExactly(
                new TritonRepository.Entry(DemoModels.HEAD_CT, null, "UNAVAILABLE", "unloaded"));
        repository.load(DemoModels.HEAD_CT);
        assertThat(repository.index()).containsExactly(
                new TritonRepository.Entry(DemoModels.HEAD_CT, "1", "READY", null));
        assertThat(client.modelReady(DemoModels.HEAD_CT, "1")).isTrue();

        repository.unload(DemoModels.HEAD_CT);
        assertThat(repository.index()).extracting(TritonRepository.Entry::state).containsExactly("UNAVAILABLE");
        assertThat(client.modelReady(DemoModels.HEAD_CT, "1")).as("unloaded, it is not served").isFalse();
        repository.load(DemoModels.HEAD_CT);
        assertThat(client.modelReady(DemoModels.HEAD_CT, "1")).isTrue();
    }

    @Test
    void theConfigurationIsTheOneTheModelRunsWith() {
        assertThat(repository.config(DemoModels.HEAD_CT)).isEqualTo(new TritonRepository.Config(DemoModels.HEAD_CT,
                4, List.of("hu"), List.of("blood_fraction", "tissue_fraction")));
    }

    @Test
    void anUnknownModelIsRefusedWithTheServersReason() {
        assertThatThrownBy(() -> repository.load("no-such-model")).isInstanceOfSatisfying(InferenceFailure.class,
                f -> {
                    assertThat(f.kind()).isEqualTo(InferenceFailure.Kind.REFUSED);
                    assertThat(f).hasMessage("v2/repository/models/no-such-model/load: failed to load "
                            + "'no-such-model', no version is available");
                });
        assertThatThrownBy(() -> new TritonRepository(null, Duration.ofSeconds(1)).index())
                .hasMessageContaining("radrelay.inference.repository");
    }
}
