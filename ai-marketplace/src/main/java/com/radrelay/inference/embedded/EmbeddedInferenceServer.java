package com.radrelay.inference.embedded;

import com.radrelay.inference.InferenceSettings;
import com.radrelay.inference.spi.ModelSource;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in for Triton where Triton cannot run: a KServe v2 gRPC server on the loopback interface, serving the
 * model sources' versions with ONNX Runtime, each in a process of its own limited in memory and time, and Triton's
 * HTTP repository extension beside it. Clients reach it over
 * real gRPC and HTTP, exactly as they reach Triton.
 */
public final class EmbeddedInferenceServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInferenceServer.class);

    private final LoadedModels models;
    private final Server server;
    private final RepositoryHttp repository;

    public EmbeddedInferenceServer(List<ModelSource> sources, InferenceSettings settings) {
        this.models = new LoadedModels(sources, settings.modelMemory(), settings.runTimeLimit());
        KserveService service = new KserveService(models, settings.runTimeLimit());
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .maxInboundMessageSize((int) settings.maxMessageSize().toBytes())
                .flowControlWindow(InferenceSettings.FLOW_CONTROL_WINDOW)
                .addService(service).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded inference server did not start", e);
        }
        repository = new RepositoryHttp(models);
        log.info("Embedded KServe v2 inference server (ONNX Runtime) on 127.0.0.1:{}, Triton's repository API on "
                + "http://127.0.0.1:{}", port(), repositoryPort());
    }

    public int port() {
        return server.getPort();
    }

    /** Where Triton's HTTP repository extension (index, load, unload, model config) answers. */
    public int repositoryPort() {
        return repository.port();
    }

    @Override
    public void close() {
        repository.close();
        server.shutdown();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        models.close();
    }
}
