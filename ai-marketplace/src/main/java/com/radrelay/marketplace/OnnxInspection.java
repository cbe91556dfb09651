package com.radrelay.marketplace;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an ONNX ModelProto far enough to refuse what must not reach ONNX Runtime: operator domains other than the
 * standard ones (custom ops are code) and tensors whose data lives in external files (a path into the server's disk).
 * Field numbers are onnx.proto's.
 */
final class OnnxInspection {

    private static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml");
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int OPSET_DOMAIN = 1;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_DOMAIN = 7;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;

    private OnnxInspection() {
    }

    static void check(byte[] onnx, List<String> problems) {
        Set<String> domains = new TreeSet<>();
        boolean[] external = {false};
        try {
            CodedInputStream model = CodedInputStream.newInstance(onnx);
            model.setRecursionLimit(64);
            for (int tag; (tag = model.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case MODEL_OPSET_IMPORT -> domains.add(stringField(model.readBytes().newCodedInput(),
                            OPSET_DOMAIN));
                    case MODEL_GRAPH -> graph(model.readBytes().newCodedInput(), domains, external);
                    default -> model.skipField(tag);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("model.onnx is not an ONNX model (" + e.getMessage() + ")");
            return;
        }
        domains.removeAll(STANDARD_DOMAINS);
        if (!domains.isEmpty()) {
            problems.add("model.onnx uses operator domains " + domains + ": only the standard ONNX operators run "
                    + "here (custom operators are code)");
        }
        if (external[0]) {
            problems.add("model.onnx keeps tensor data in external files: put all weights inside model.onnx");
        }
    }

    private static void graph(CodedInputStream graph, Set<String> domains, boolean[] external) throws IOException {
        for (int tag; (tag = graph.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> domains.add(stringField(graph.readBytes().newCodedInput(), NODE_DOMAIN));
                case GRAPH_INITIALIZER -> external[0] |= intField(graph.readBytes().newCodedInput(),
                        TENSOR_DATA_LOCATION) == EXTERNAL;
                default -> graph.skipField(tag);
            }
        }
    }

    private static String stringField(CodedInputStream in, int field) throws IOException {
        String value = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == field && WireFormat.getTagWireType(tag)
                    == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                value = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }

    private static long intField(CodedInputStream in, int field) throws IOException {
        long value = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) == field && WireFormat.getTagWireType(tag)
                    == WireFormat.WIRETYPE_VARINT) {
                value = in.readInt64();
            } else {
                in.skipField(tag);
            }
        }
        return value;
    }
}
