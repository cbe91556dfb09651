package com.radrelay.inference.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.radrelay.inference.InferenceClient;
import com.radrelay.inference.InferenceSettings;
import com.radrelay.inference.OneModel;
import com.radrelay.inference.Tensor;
import com.radrelay.inference.embedded.EmbeddedInferenceServer;
import com.radrelay.inference.spi.ModelFiles;
import com.radrelay.marketplace.demo.DemoModels;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.util.unit.DataSize;

/**
 * One 512x512 CT slice through the KServe v2 client and the embedded server (gRPC on loopback), against ONNX
 * Runtime called in-process on the same graph and input with the same session options: the protocol's cost.
 * Batched runs send 8 slices per request and count per slice. The loopback TCP run is the floor of any protocol
 * between two processes: the slice's bytes one way, an acknowledgement back.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class InferenceBenchmark {

    private static final int SIZE = 512;
    private static final int BATCH = 8;
    private static final String CONFIG = """
            name: "head-ct-hyperdensity"
            backend: "onnxruntime"
            max_batch_size: 16
            input [ { name: "hu" data_type: TYPE_FP32 dims: [ 1, 512, 512 ] } ]
            output [ { name: "blood_fraction" data_type: TYPE_FP32 dims: [ 1 ] },
                     { name: "tissue_fraction" data_type: TYPE_FP32 dims: [ 1 ] } ]
            """;
    private static final List<String> OUTPUTS = List.of("blood_fraction", "tissue_fraction");

    private EmbeddedInferenceServer server;
    private ManagedChannel channel;
    private InferenceClient client;
    private OrtSession session;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private float[] one;
    private float[] batch;
    private ServerSocket floorServer;
    private Socket floor;
    private final byte[] slice = new byte[SIZE * SIZE * 4];
    private final byte[] ack = new byte[8];

    @Setup(Level.Trial)
    public void start() throws OrtException, IOException {
        byte[] onnx = DemoModels.headCtOnnx(SIZE, false);
        InferenceSettings settings = new InferenceSettings("embedded", false, Duration.ofSeconds(30),
                DataSize.ofMegabytes(64), 16, 1, Duration.ofSeconds(1), Duration.ofSeconds(20), 1,
                Duration.ofMinutes(5), DataSize.ofGigabytes(1), null);
        server = new EmbeddedInferenceServer(List.of(new OneModel(new ModelFiles(DemoModels.HEAD_CT, "1", CONFIG,
                onnx))), settings);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(64 << 20).flowControlWindow(InferenceSettings.FLOW_CONTROL_WINDOW).build();
        client = new InferenceClient(channel, settings);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // The embedded server's options: one thread, full graph optimisation.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(onnx, options);
        }
        Random random = new Random(42);
        batch = new float[BATCH * SIZE * SIZE];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (float) (random.nextGaussian() * 300 - 200);
        }
        one = Arrays.copyOf(batch, SIZE * SIZE);
        startFloor();
    }

    /** The floor of any protocol between two processes here: one slice's bytes across loopback TCP, 8 bytes back. */
    private void startFloor() throws IOException {
        floorServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread reader = new Thread(() -> {
            try (Socket s = floorServer.accept(); InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                byte[] buffer = new byte[slice.length];
                while (true) {
                    in.readNBytes(buffer, 0, buffer.length);
                    out.write(ack);
                    out.flush();
                }
            } catch (IOException e) {
                // The benchmark closed its end: the trial is over.
            }
        }, "loopback-floor");
        reader.setDaemon(true);
        reader.start();
        floor = new Socket(InetAddress.getLoopbackAddress(), floorServer.getLocalPort());
        floor.setTcpNoDelay(true);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
        session.close();
        floor.close();
        floorServer.close();
    }

    @Benchmark
    public int loopbackTcpOneSlice() throws IOException {
        floor.getOutputStream().write(slice);
        return floor.getInputStream().readNBytes(ack.length).length;
    }

    @Benchmark
    public float inProcessOneSlice() throws OrtException {
        return runInProcess(one, 1);
    }

    @Benchmark
    public Map<String, Tensor> grpcOneSlice() {
        return client.infer(DemoModels.HEAD_CT, "1", new Tensor("hu", new long[] {1, 1, SIZE, SIZE}, one), OUTPUTS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float inProcessBatchOf8() throws OrtException {
        return runInProcess(batch, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Map<String, Tensor> grpcBatchOf8() {
        return client.infer(DemoModels.HEAD_CT, "1", new Tensor("hu", new long[] {BATCH, 1, SIZE, SIZE}, batch),
                OUTPUTS);
    }

    private float runInProcess(float[] values, int n) throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(values), new long[] {n, 1, SIZE, SIZE});
                OrtSession.Result result = session.run(Map.of("hu", input))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
        }
    }
}
