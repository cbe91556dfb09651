package com.radrelay.inference;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import inference.GRPCInferenceServiceGrpc;
import inference.GrpcPredictV2.ModelInferRequest;
import inference.GrpcPredictV2.ModelInferResponse;
import inference.GrpcPredictV2.ModelMetadataRequest;
import inference.GrpcPredictV2.ModelMetadataResponse;
import inference.GrpcPredictV2.ModelReadyRequest;
import inference.GrpcPredictV2.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Speaks the KServe v2 gRPC protocol (Triton's {@code inference.GRPCInferenceService}) to whatever serves models:
 * the embedded server or a real Triton. One channel, reused by every call; each call has a deadline; tensors travel
 * as raw little-endian bytes, as Triton prefers.
 */
public class InferenceClient {

    private final ManagedChannel channel;
    private final InferenceSettings settings;

    public InferenceClient(ManagedChannel channel, InferenceSettings settings) {
        this.channel = channel;
        this.settings = settings;
    }

    /** A model's inputs and outputs as the server reports them. */
    public record Signature(String name, List<String> versions, String platform, List<TensorInfo> inputs,
            List<TensorInfo> outputs) {
    }

    /** One input or output: name, KServe data type ({@code FP32}) and shape, -1 where it varies. */
    public record TensorInfo(String name, String datatype, List<Long> shape) {
    }

    public boolean serverReady() {
        return call(() -> stub().serverReady(ServerReadyRequest.getDefaultInstance()).getReady(), "server");
    }

    public boolean modelReady(String model, String version) {
        return call(() -> stub().modelReady(ModelReadyRequest.newBuilder().setName(model).setVersion(version)
                .build()).getReady(), model);
    }

    public Signature metadata(String model, String version) {
        ModelMetadataResponse r = call(() -> stub().modelMetadata(ModelMetadataRequest.newBuilder().setName(model)
                .setVersion(version).build()), model);
        return new Signature(r.getName(), r.getVersionsList(), r.getPlatform(),
                r.getInputsList().stream().map(t -> new TensorInfo(t.getName(), t.getDatatype(), t.getShapeList()))
                        .toList(),
                r.getOutputsList().stream().map(t -> new TensorInfo(t.getName(), t.getDatatype(), t.getShapeList()))
                        .toList());
    }

    /** Runs {@code model} on one FP32 input and answers the requested FP32 outputs by name. */
    public Map<String, Tensor> infer(String model, String version, Tensor input, List<String> outputs) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model)
                .setModelVersion(version);
        ModelInferRequest.InferInputTensor.Builder in = request.addInputsBuilder().setName(input.name())
                .setDatatype("FP32");
        for (long d : input.shape()) {
            in.addShape(d);
        }
        request.addRawInputContents(rawBytes(input.values()));
        for (String output : outputs) {
            request.addOutputsBuilder().setName(output);
        }
        ModelInferResponse response = call(() -> stub().modelInfer(request.build()), model);
        Map<String, Tensor> found = new LinkedHashMap<>();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor out = response.getOutputs(i);
            if (!"FP32".equals(out.getDatatype())) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, model + " answered " + out.getName()
                        + " as " + out.getDatatype() + ", not FP32");
            }
            float[] values = i < response.getRawOutputContentsCount() ? floats(response.getRawOutputContents(i))
                    : toArray(out.getContents().getFp32ContentsList());
            long[] shape = out.getShapeList().stream().mapToLong(Long::longValue).toArray();
            try {
                found.put(out.getName(), new Tensor(out.getName(), shape, values));
            } catch (IllegalArgumentException e) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, model + ": " + e.getMessage(), e);
            }
        }
        for (String output : outputs) {
            if (!found.containsKey(output)) {
                throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, model + " did not answer " + output);
            }
        }
        return found;
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(settings.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxInboundMessageSize((int) settings.maxMessageSize().toBytes())
                .withMaxOutboundMessageSize((int) settings.maxMessageSize().toBytes());
    }

    private static <T> T call(Supplier<T> rpc, String what) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            InferenceFailure.Kind kind = switch (code) {
                case DEADLINE_EXCEEDED -> InferenceFailure.Kind.TIMEOUT;
                case UNAVAILABLE, NOT_FOUND, RESOURCE_EXHAUSTED, ABORTED, CANCELLED ->
                    InferenceFailure.Kind.UNAVAILABLE;
                default -> InferenceFailure.Kind.REFUSED;
            };
            throw new InferenceFailure(kind, what + ": " + code + (e.getStatus().getDescription() == null ? ""
                    : " " + e.getStatus().getDescription()), e);
        }
    }

    private static ByteString rawBytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        // The buffer is not touched again: protobuf may keep it instead of copying it once more.
        return UnsafeByteOperations.unsafeWrap(buffer);
    }

    private static float[] floats(ByteString raw) {
        if (raw.size() % 4 != 0) {
            throw new InferenceFailure(InferenceFailure.Kind.BAD_OUTPUT, "raw FP32 contents of " + raw.size()
                    + " bytes");
        }
        float[] values = new float[raw.size() / 4];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static float[] toArray(List<Float> list) {
        float[] values = new float[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i);
        }
        return values;
    }
}
