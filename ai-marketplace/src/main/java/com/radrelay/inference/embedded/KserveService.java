package com.radrelay.inference.embedded;

import ai.onnxruntime.OrtEnvironment;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The KServe v2 gRPC service over ONNX Runtime: checks each request against the model's config.pbtxt as Triton
 * does (names, FP32, dims, batch size) and hands it to the model's own process, which is stopped when a run
 * outlives the time limit.
 */
final class KserveService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private final LoadedModels models;
    private final Duration runTimeLimit;

    KserveService(LoadedModels models, Duration runTimeLimit) {
        this.models = models;
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
                .setVersion(String.valueOf(OrtEnvironment.class.getPackage().getImplementationVersion())).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
        boolean ready;
        try {
            ready = models.get(request.getName(), request.getVersion()).isPresent();
        } catch (RuntimeException e) {
            ready = false;
        }
        reply(out, ModelReadyResponse.newBuilder().setReady(ready).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
        try {
            LoadedModels.Loaded model = model(request.getName(), request.getVersion());
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
        LoadedModels.Loaded model = model(request.getModelName(), request.getModelVersion());
        TritonModelConfig config = model.config();
        if (request.getInputsCount() != 1 || config.inputs().size() != 1) {
            throw refused("model " + config.name() + " takes " + config.inputs().size() + " input(s), got "
                    + request.getInputsCount() + "; one is served here");
        }
        ModelInferRequest.InferInputTensor in = request.getInputs(0);
        TensorConfig expected = config.inputs().getFirst();
        if (!expected.name().equals(in.getName())) {
            throw refused("model " + config.name() + " has no input " + in.getName());
        }
        long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
        checkShape(config, expected, in.getDatatype(), shape);
        ByteString values = values(request, in);
        if (values.size() != Arrays.stream(shape).reduce(4, Math::multiplyExact)) {
            throw refused("input " + in.getName() + " has " + values.size() / 4 + " values for shape "
                    + Arrays.toString(shape));
        }
        List<String> wanted = request.getOutputsCount() == 0 ? config.outputs().stream().map(TensorConfig::name)
                .toList() : request.getOutputsList().stream()
                        .map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
        for (String name : wanted) {
            if (config.outputs().stream().noneMatch(t -> t.name().equals(name))) {
                throw refused("model " + config.name() + " has no output " + name);
            }
        }
        List<HostFrames.Output> outputs;
        try {
            outputs = model.process().run(in.getName(), shape, values, wanted, runTimeLimit);
        } catch (ModelProcess.Failure e) {
            Status status = switch (e.kind()) {
                case FAILED -> Status.INTERNAL;
                case OUT_OF_MEMORY -> Status.RESOURCE_EXHAUSTED;
                case TIME_LIMIT -> Status.DEADLINE_EXCEEDED;
                case ENDED -> Status.UNAVAILABLE;
            };
            throw status.withDescription("model " + config.name() + " failed: " + e.getMessage())
                    .asRuntimeException();
        }
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder().setModelName(config.name())
                .setModelVersion(request.getModelVersion()).setId(request.getId());
        for (HostFrames.Output o : outputs) {
            ModelInferResponse.InferOutputTensor.Builder out = response.addOutputsBuilder().setName(o.name())
                    .setDatatype("FP32");
            for (long d : o.shape()) {
                out.addShape(d);
            }
            response.addRawOutputContents(UnsafeByteOperations.unsafeWrap(o.values()));
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

    /** The input's values as little-endian FP32 bytes, from raw contents or from the typed list. */
    private static ByteString values(ModelInferRequest request, ModelInferRequest.InferInputTensor in) {
        if (request.getRawInputContentsCount() > 0) {
            if (request.getRawInputContentsCount() != request.getInputsCount()) {
                throw refused("raw_input_contents must hold one entry per input");
            }
            return request.getRawInputContents(0);
        }
        var list = in.getContents().getFp32ContentsList();
        ByteBuffer values = ByteBuffer.allocate(list.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        list.forEach(values::putFloat);
        return UnsafeByteOperations.unsafeWrap(values.array());
    }

    private LoadedModels.Loaded model(String name, String version) {
        try {
            return models.get(name, version).orElseThrow(() -> Status.NOT_FOUND.withDescription("model " + name
                    + (version.isBlank() ? "" : " version " + version) + " is not in the repository")
                    .asRuntimeException());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException();
        }
    }

    private static StatusRuntimeException refused(String why) {
        return Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException();
    }

    private static <T> void reply(StreamObserver<T> out, T message) {
        out.onNext(message);
        out.onCompleted();
    }
}
