package com.radrelay.inference;

import com.radrelay.inference.embedded.EmbeddedInferenceServer;
import com.radrelay.inference.spi.ModelSource;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import com.radrelay.inference.spi.ModelFiles;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InferenceSettings.class)
class InferenceConfiguration {

    /** The embedded server starts only when no Triton address is configured. */
    @Bean(destroyMethod = "close")
    ModelServer modelServer(InferenceSettings settings, ObjectProvider<ModelSource> sources) {
        if (!settings.embedded()) {
            return new ModelServer(null, settings.target(), settings.repository());
        }
        // Sources are looked up per load, so a model approved after start-up is served without a restart.
        List<ModelSource> lazy = List.of(new ModelSource() {
            @Override
            public Optional<ModelFiles> find(String name, String version) {
                return sources.orderedStream().flatMap(s -> s.find(name, version).stream()).findFirst();
            }

            @Override
            public List<String> models() {
                return sources.orderedStream().flatMap(s -> s.models().stream()).distinct().toList();
            }
        });
        EmbeddedInferenceServer server = new EmbeddedInferenceServer(lazy, settings);
        return new ModelServer(server, "127.0.0.1:" + server.port(),
                URI.create("http://127.0.0.1:" + server.repositoryPort()));
    }

    /** Shut down before the model server it depends on, so in-flight calls end first. */
    @Bean(destroyMethod = "shutdown")
    ManagedChannel inferenceChannel(ModelServer server, InferenceSettings settings) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(server.target())
                .maxInboundMessageSize((int) settings.maxMessageSize().toBytes())
                .flowControlWindow(InferenceSettings.FLOW_CONTROL_WINDOW);
        if (settings.tls()) {
            builder.useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    @Bean
    InferenceClient inferenceClient(ManagedChannel inferenceChannel, InferenceSettings settings) {
        return new InferenceClient(inferenceChannel, settings);
    }

    /** Where uploads are loaded before they are accepted: a process of their own, under the models' memory limit. */
    @Bean
    ModelSandbox modelSandbox(InferenceSettings settings) {
        return new ModelSandbox(settings.modelMemory(), settings.runTimeLimit());
    }

    /** Triton's repository API, where its address is known (always for the embedded server). */
    @Bean
    TritonRepository tritonRepository(ModelServer server, InferenceSettings settings) {
        return new TritonRepository(server.repository(), settings.deadline());
    }

    /** The server clients talk to, and the embedded one when this process runs it. */
    record ModelServer(@Nullable EmbeddedInferenceServer embedded, String target, @Nullable URI repository) {

        void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
