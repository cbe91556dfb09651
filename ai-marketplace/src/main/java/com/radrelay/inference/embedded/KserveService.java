package com.radrelay.inference.embedded;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.radrelay.inference.TritonModelConfig;
import com.radrelay.inference.TritonModelConfig.TensorConfig;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferResponse;
import inference.GrpcPredictV2.ModelMetadataRequest;
import inference.GrpcPredictV2.ModelMetadataResponse;
import inference.GrpcPredictV2.ModelReadyRequest;
import inference.GrpcPredictV2.ModelReadyResponse;
import inference.GrpcPredictV2.ServerLiveRequest;
import inference.GrpcPredictV2.ServerLiveResponse;
import inference.GrpcPredictV2.ServerMetadataRequest;
import inference.GrpcPredictV2.ServerMetadataResponse;
import inference.GrpcPredictV2.ServerReadyRequest;
import inference.GrpcPredictV2.ServerReadyResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The KServe v2 gRPC service over ONNX Runtime: checks each request against the model's config.pbtxt as Triton
 * does (names, FP32, dims, batch size) and stops a run that outlives the time limit.
 */
final class KserveService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private final OnnxSessions sessions;
    private final Duration runTimeLimit;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kserve-run-limit");
        t.setDaemon(true);
        return t;
    });

    KserveService(OnnxSessions sessions, Duration runTimeLimit) {
        this.sessions = sessions;
        this.runTimeLimit = runTimeLimit;
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
        reply(out, ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
        reply(out, ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
        reply(out, ServerMetadataResponse.newBuilder().setName("radrelay-embedded-kserve")
                .setVersion(OrtEnvironment.getEnvironment().getVersion()).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
        boolean ready;
        try {
            ready = sessions.get(request.getName(), request.getVersion()).isPresent();
        } catch (RuntimeException e) {
            ready = false;
        }
        reply(out, ModelReadyResponse.newBuilder().setReady(ready).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
        try {
            OnnxSessions.Loaded model = model(request.getName(), request.getVersion());
            TritonModelConfig config = model.config();
            ModelMetadataResponse.Builder r = ModelMetadataResponse.newBuilder().setName(config.name())
                    .addVersions(model.files().version()).setPlatform("onnxruntime_onnx");
            for (TensorConfig t : config.inputs()) {
                r.addInputsBuilder().setName(t.name()).setDatatype(t.kserveType())
                        .addAllShape(Arrays.stream(config.requestShape(t, -1)).boxed().toList());
            }
            for (TensorConfig t : config.outputs()) {
                r.addOutputsBuilder().setName(t.name()).setDatatype(t.kserveType())
                        .addAllShape(Arrays.stream(config.requestShape(t, -1)).boxed().toList());
            }
            reply(out, r.build());
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
        try {
            reply(out, infer(request));
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    private ModelInferResponse infer(ModelInferRequest request) {
        OnnxSessions.Loaded model = model(request.getModelName(), request.getModelVersion());
        TritonModelConfig config = model.config();
        if (request.getInputsCount() != config.inputs().size()) {
            throw refused("model " + config.name() + " takes " + config.inputs().size() + " input(s), got "
                    + request.getInputsCount());
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession.RunOptions options = new OrtSession.RunOptions()) {
            for (int i = 0; i < request.getInputsCount(); i++) {
                ModelInferRequest.InferInputTensor in = request.getInputs(i);
                TensorConfig expected = config.inputs().stream().filter(t -> t.name().equals(in.getName()))
                        .findFirst().orElseThrow(() -> refused("model " + config.name() + " has no input "
                                + in.getName()));
                long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
                checkShape(config, expected, in.getDatatype(), shape);
                FloatBuffer values = values(request, i, in);
                if (values.remaining() != Arrays.stream(shape).reduce(1, Math::multiplyExact)) {
                    throw refused("input " + in.getName() + " has " + values.remaining() + " values for shape "
                            + Arrays.toString(shape));
                }
                inputs.put(in.getName(), OnnxTensor.createTensor(env, values, shape));
            }
            ScheduledFuture<?> stop = watchdog.schedule(() -> terminate(options), runTimeLimit.toMillis(),
                    TimeUnit.MILLISECONDS);
            try (OrtSession.Result result = model.session().run(inputs, options)) {
                return response(request, config, result);
            } finally {
                stop.cancel(false);
            }
        } catch (OrtException e) {
            throw Status.INTERNAL.withDescription("model " + config.name() + " failed: " + e.getMessage())
                    .asRuntimeException();
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static ModelInferResponse response(ModelInferRequest request, TritonModelConfig config,
            OrtSession.Result result) throws OrtException {
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(config.name())
                .setModelVersion(request.getModelVersion()).setId(request.getId());
        var wanted = request.getOutputsCount() == 0 ? config.outputs().stream().map(TensorConfig::name).toList()
                : request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName)
                        .toList();
        for (String name : wanted) {
            OnnxValue value = result.get(name).orElseThrow(() -> refused("model " + config.name()
                    + " has no output " + name));
            if (!(value instanceof OnnxTensor tensor) || tensor.getFloatBuffer() == null) {
                throw Status.INTERNAL.withDescription("output " + name + " is not an FP32 tensor")
                        .asRuntimeException();
            }
            FloatBuffer floats = tensor.getFloatBuffer();
            ByteBuffer raw = ByteBuffer.allocate(floats.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
            raw.asFloatBuffer().put(floats);
            ModelInferResponse.InferOutputTensor.Builder out = response.addOutputsBuilder().setName(name)
                    .setDatatype("FP32");
            for (long d : tensor.getInfo().getShape()) {
                out.addShape(d);
            }
            response.addRawOutputContents(ByteString.copyFrom(raw.array()));
        }
        return response.build();
    }

    private static void checkShape(TritonModelConfig config, TensorConfig expected, String datatype, long[] shape) {
        if (!"FP32".equals(datatype) || !"FP32".equals(expected.kserveType())) {
            throw refused("input " + expected.name() + " must be " + expected.kserveType() + " (only FP32 is "
                    + "served here), got " + datatype);
        }
        long[] dims = expected.dims();
        int offset = config.maxBatchSize() > 0 ? 1 : 0;
        boolean fits = shape.length == dims.length + offset;
        for (int d = 0; fits && d < dims.length; d++) {
            fits = dims[d] == -1 ? shape[d + offset] > 0 : dims[d] == shape[d + offset];
        }
        if (fits && offset == 1) {
            fits = shape[0] >= 1 && shape[0] <= config.maxBatchSize();
        }
        if (!fits) {
            throw refused("input " + expected.name() + " has shape " + Arrays.toString(shape) + "; the model takes "
                    + Arrays.toString(config.requestShape(expected, config.maxBatchSize())) + (offset == 1
                            ? " with a batch of 1 to " + config.maxBatchSize() : ""));
        }
    }

    private static FloatBuffer values(ModelInferRequest request, int index, ModelInferRequest.InferInputTensor in) {
        if (request.getRawInputContentsCount() > 0) {
            if (request.getRawInputContentsCount() != request.getInputsCount()) {
                throw refused("raw_input_contents must hold one entry per input");
            }
            ByteString raw = request.getRawInputContents(index);
            ByteBuffer copy = ByteBuffer.allocateDirect(raw.size()).order(ByteOrder.LITTLE_ENDIAN);
            raw.copyTo(copy);
            copy.flip();
            return copy.asFloatBuffer();
        }
        var list = in.getContents().getFp32ContentsList();
        FloatBuffer values = FloatBuffer.allocate(list.size());
        list.forEach(values::put);
        return values.flip();
    }

    private OnnxSessions.Loaded model(String name, String version) {
        try {
            return sessions.get(name, version).orElseThrow(() -> Status.NOT_FOUND.withDescription("model " + name
                    + (version.isBlank() ? "" : " version " + version) + " is not in the repository")
                    .asRuntimeException());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    private static void terminate(OrtSession.RunOptions options) {
        try {
            options.setTerminate(true);
        } catch (OrtException e) {
            // The run finished while the limit fired: nothing to stop.
        }
    }

    private static StatusRuntimeException refused(String why) {
        return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
    }

    private static <T> void reply(StreamObserver<T> out, T message) {
        out.onNext(message);
        out.onCompleted();
    }

    void close() {
        watchdog.shutdownNow();
    }
}
