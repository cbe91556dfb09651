package com.radrelay.inference.embedded;

import com.google.protobuf.ByteString;
import com.radrelay.inference.GraphSignature;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What the server and a model's process say to each other over its standard input and output. The server sends the
 * ONNX graph (length and bytes), then requests; the process answers the graph's signature once, then one answer per
 * request. Each answer starts with a byte saying what follows; tensors travel as little-endian FP32 bytes.
 */
final class HostFrames {

    static final int SIGNATURE = 1;
    static final int OUTPUTS = 2;
    static final int FAILED = 3;
    static final int OUT_OF_MEMORY = 4;
    private static final int REQUEST = 0x52;

    /** Larger than any request the server accepts; a length beyond it means the stream is out of step. */
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    private HostFrames() {
    }

    /** A request as the model's process reads it: the input's bytes in a buffer of its own, reused. */
    record Request(String input, long[] shape, ByteBuffer values, List<String> wanted) {
    }

    record Output(String name, long[] shape, ByteBuffer values) {
    }

    static void model(DataOutputStream out, byte[] onnx) throws IOException {
        out.writeInt(onnx.length);
        out.write(onnx);
        out.flush();
    }

    static byte[] readModel(DataInputStream in) throws IOException {
        return bytes(in);
    }

    static void request(DataOutputStream out, String input, long[] shape, ByteString values, List<String> wanted)
            throws IOException {
        out.writeByte(REQUEST);
        out.writeUTF(input);
        shape(out, shape);
        out.writeInt(values.size());
        values.writeTo(out);
        out.writeInt(wanted.size());
        for (String name : wanted) {
            out.writeUTF(name);
        }
        out.flush();
    }

    /** Reads a request, its values into a buffer {@code buffers} gives for their length (cleared, big enough). */
    static Request readRequest(DataInputStream in, IntFunction<ByteBuffer> buffers) throws IOException {
        int kind = in.readUnsignedByte();
        if (kind != REQUEST) {
            throw new IOException("expected a request, got " + kind);
        }
        String input = in.readUTF();
        long[] shape = readShape(in);
        int length = length(in);
        ByteBuffer values = buffers.apply(length);
        byte[] chunk = new byte[Math.min(length, 1 << 16)];
        for (int left = length; left > 0; ) {
            int n = Math.min(left, chunk.length);
            in.readFully(chunk, 0, n);
            values.put(chunk, 0, n);
            left -= n;
        }
        values.flip();
        int wanted = in.readInt();
        List<String> names = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            names.add(in.readUTF());
        }
        return new Request(input, shape, values, names);
    }

    static void signature(DataOutputStream out, List<GraphSignature.Tensor> inputs, List<GraphSignature.Tensor> outputs) throws IOException {
        out.writeByte(SIGNATURE);
        for (List<GraphSignature.Tensor> tensors : List.of(inputs, outputs)) {
            out.writeInt(tensors.size());
            for (GraphSignature.Tensor t : tensors) {
                out.writeUTF(t.name());
                out.writeUTF(t.type());
                shape(out, t.shape());
            }
        }
        out.flush();
    }

    static void outputs(DataOutputStream out, List<Output> outputs) throws IOException {
        out.writeByte(OUTPUTS);
        out.writeInt(outputs.size());
        for (Output o : outputs) {
            out.writeUTF(o.name());
            shape(out, o.shape());
            ByteBuffer values = o.values();
            out.writeInt(values.remaining());
            if (values.hasArray()) {
                out.write(values.array(), values.arrayOffset() + values.position(), values.remaining());
            } else {
                byte[] chunk = new byte[Math.min(values.remaining(), 1 << 16)];
                while (values.hasRemaining()) {
                    int n = Math.min(values.remaining(), chunk.length);
                    values.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                }
            }
        }
        out.flush();
    }

    static void failure(DataOutputStream out, int kind, String message) throws IOException {
        out.writeByte(kind);
        String text = String.valueOf(message);
        out.writeUTF(text.length() > 2000 ? text.substring(0, 2000) : text);
        out.flush();
    }

    static List<GraphSignature.Tensor> readTensors(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<GraphSignature.Tensor> tensors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tensors.add(new GraphSignature.Tensor(in.readUTF(), in.readUTF(), readShape(in)));
        }
        return tensors;
    }

    static List<Output> readOutputs(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Output> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] shape = readShape(in);
            outputs.add(new Output(name, shape, ByteBuffer.wrap(bytes(in))));
        }
        return outputs;
    }

    private static void shape(DataOutputStream out, long[] shape) throws IOException {
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
    }

    private static long[] readShape(DataInputStream in) throws IOException {
        int rank = in.readInt();
        if (rank < 0 || rank > 16) {
            throw new IOException("a tensor of rank " + rank);
        }
        long[] shape = new long[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readLong();
        }
        return shape;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[length(in)];
        in.readFully(bytes);
        return bytes;
    }

    private static int length(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("a tensor of " + length + " bytes");
        }
        return length;
    }
}
