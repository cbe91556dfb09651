package com.radrelay.marketplace.demo;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a small ONNX model (onnx.proto's ModelProto, field by field) for the demo models and the tests' graphs, so
 * their files come from this source and nothing is downloaded. Only what those graphs use: FP32 tensors, scalar and tensor constants,
 * nodes with int and ints attributes, opset 13 of the default domain.
 */
public final class OnnxGraph {

    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private int next;

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** An FP32 graph input or output; a dimension of -1 is the batch, named {@code batch}. */
    public OnnxGraph input(String tensor, long... dims) {
        inputs.add(valueInfo(tensor, dims));
        return this;
    }

    public OnnxGraph output(String tensor, long... dims) {
        outputs.add(valueInfo(tensor, dims));
        return this;
    }

    /** A scalar FP32 constant; answers its name. */
    public String constant(float value) {
        String tensor = "const_" + next++;
        initializers.add(message(m -> {
            m.writeString(8, tensor);
            m.writeInt32(2, FLOAT);
            m.writeFloat(4, value);
        }));
        return tensor;
    }

    /** An FP32 tensor constant of the given shape, its values in row-major order; answers its name. */
    public String constant(float[] values, long... dims) {
        String tensor = "const_" + next++;
        initializers.add(message(m -> {
            for (long d : dims) {
                m.writeInt64(1, d);
            }
            m.writeInt32(2, FLOAT);
            for (float v : values) {
                m.writeFloat(4, v);
            }
            m.writeString(8, tensor);
        }));
        return tensor;
    }

    /** A node with int attributes ({@code "to", 1}) and ints ones ({@code "axes", new long[] {2, 3}}). */
    public String node(String op, List<String> in, Object... attributes) {
        return output(op, in, op.toLowerCase(Locale.ROOT) + "_" + next++, attributes);
    }

    /** As {@link #node(String, List, Object...)}, writing the graph output {@code out}. */
    public String output(String op, List<String> in, String out, Object... attributes) {
        nodes.add(message(m -> {
            for (String i : in) {
                m.writeString(1, i);
            }
            m.writeString(2, out);
            m.writeString(3, out);
            m.writeString(4, op);
            for (int a = 0; a < attributes.length; a += 2) {
                String attribute = (String) attributes[a];
                Object value = attributes[a + 1];
                m.writeByteArray(5, message(at -> {
                    at.writeString(1, attribute);
                    if (value instanceof long[] ints) {
                        for (long i : ints) {
                            at.writeInt64(8, i);
                        }
                        at.writeInt32(20, ATTRIBUTE_INTS);
                    } else {
                        at.writeInt64(3, ((Number) value).longValue());
                        at.writeInt32(20, ATTRIBUTE_INT);
                    }
                }));
            }
        }));
        return out;
    }

    /** The ModelProto: IR version 8, opset 13. */
    public byte[] toBytes() {
        byte[] graph = message(g -> {
            for (byte[] n : nodes) {
                g.writeByteArray(1, n);
            }
            g.writeString(2, name);
            for (byte[] t : initializers) {
                g.writeByteArray(5, t);
            }
            for (byte[] i : inputs) {
                g.writeByteArray(11, i);
            }
            for (byte[] o : outputs) {
                g.writeByteArray(12, o);
            }
        });
        return message(m -> {
            m.writeInt64(1, 8);
            m.writeString(2, "radrelay-demo-models");
            m.writeString(3, "1");
            m.writeByteArray(7, graph);
            m.writeByteArray(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, 13);
            }));
        });
    }

    private static byte[] valueInfo(String tensor, long... dims) {
        byte[] shape = message(s -> {
            for (long d : dims) {
                s.writeByteArray(1, message(dim -> {
                    if (d < 0) {
                        dim.writeString(2, "batch");
                    } else {
                        dim.writeInt64(1, d);
                    }
                }));
            }
        });
        byte[] tensorType = message(t -> {
            t.writeInt32(1, FLOAT);
            t.writeByteArray(2, shape);
        });
        return message(v -> {
            v.writeString(1, tensor);
            v.writeByteArray(2, message(type -> type.writeByteArray(1, tensorType)));
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
