package com.radrelay.inference.embedded;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.radrelay.inference.GraphSignature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process one model version runs in (started by {@link ModelProcess}, never by hand): it reads the ONNX graph
 * from its standard input, loads it with ONNX Runtime (no custom-op library, one thread), answers the graph's
 * signature, then runs one request at a time until its input ends. Its memory is limited by the operating system,
 * so a model that asks for more fails here and not in the server. Requests and answers are the frames of
 * {@link HostFrames}; nothing else may write to standard output.
 */
public final class ModelHost {

    private ModelHost() {
    }

    public static void main(String[] args) throws IOException {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("model processes pass tensors as they are: a little-endian machine only");
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out),
                1 << 16));
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in),
                1 << 16));
        OrtSession session;
        OrtEnvironment env;
        List<GraphSignature.Tensor> inputs;
        List<GraphSignature.Tensor> outputs;
        try {
            byte[] onnx = HostFrames.readModel(in);
            env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "radrelay-model-host");
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                session = env.createSession(onnx, options);
            }
            inputs = tensors(session.getInputInfo());
            outputs = tensors(session.getOutputInfo());
        } catch (OrtException | OutOfMemoryError e) {
            HostFrames.failure(out, kind(e), e.getMessage());
            return;
        }
        HostFrames.signature(out, inputs, outputs);
        while (true) {
            HostFrames.Request request;
            try {
                request = HostFrames.readRequest(in, ModelHost::input);
            } catch (EOFException e) {
                return;
            }
            try {
                HostFrames.outputs(out, run(env, session, request));
            } catch (OrtException | OutOfMemoryError | IllegalArgumentException e) {
                int kind = kind(e);
                HostFrames.failure(out, kind, e.getMessage());
                if (kind == HostFrames.OUT_OF_MEMORY) {
                    // Memory ran out somewhere in the runtime: start afresh rather than trust what is left.
                    return;
                }
            }
        }
    }

    /** The input's bytes, handed to the runtime without a copy; kept between requests, grown when needed. */
    private static ByteBuffer input = ByteBuffer.allocateDirect(0);

    private static ByteBuffer input(int length) {
        if (input.capacity() < length) {
            input = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        }
        return input.clear();
    }

    /** Tensors travel as little-endian bytes and ONNX Runtime reads native order: copied in bulk, never converted. */
    private static List<HostFrames.Output> run(OrtEnvironment env, OrtSession session, HostFrames.Request request)
            throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, request.values(), request.shape(), OnnxJavaType.FLOAT);
                OrtSession.Result result = session.run(Map.of(request.input(), tensor))) {
            List<HostFrames.Output> outputs = new ArrayList<>();
            for (String name : request.wanted()) {
                OnnxValue value = result.get(name).orElseThrow(() -> new IllegalArgumentException("the model has "
                        + "no output " + name));
                if (!(value instanceof OnnxTensor out) || out.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new IllegalArgumentException("output " + name + " is not an FP32 tensor");
                }
                outputs.add(new HostFrames.Output(name, out.getInfo().getShape(), out.getByteBuffer()));
            }
            return outputs;
        }
    }

    /** ONNX Runtime reports a failed allocation as an error status whose text names it. */
    private static int kind(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return e instanceof OutOfMemoryError || message.contains("bad_alloc") || message.contains("Failed to allocate")
                ? HostFrames.OUT_OF_MEMORY : HostFrames.FAILED;
    }

    private static List<GraphSignature.Tensor> tensors(Map<String, NodeInfo> nodes) {
        List<GraphSignature.Tensor> tensors = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (node.getInfo() instanceof TensorInfo info) {
                tensors.add(new GraphSignature.Tensor(node.getName(), info.type.name(), info.getShape()));
            } else {
                tensors.add(new GraphSignature.Tensor(node.getName(), node.getInfo().getClass().getSimpleName(),
                        new long[0]));
            }
        }
        return tensors;
    }
}
