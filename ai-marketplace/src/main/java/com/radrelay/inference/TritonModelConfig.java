package com.radrelay.inference;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A model's {@code config.pbtxt}: the part of Triton's ModelConfig message (model_config.proto) RadRelay reads,
 * parsed with protobuf's text format against the same field names and types, so a file Triton accepts parses here
 * and a wrong type or a bad enum value in those fields is refused with the parser's line and column. Other fields
 * (instance groups, batching, optimisation) are left to Triton and skipped here.
 */
public record TritonModelConfig(String name, String platform, String backend, int maxBatchSize,
        List<TensorConfig> inputs, List<TensorConfig> outputs) {

    /** An input or output: its name, Triton data type ({@code TYPE_FP32}) and dims without the batch dimension. */
    public record TensorConfig(String name, String dataType, long[] dims) {

        /** The KServe v2 name of the data type: {@code TYPE_FP32} is {@code FP32}. */
        public String kserveType() {
            return dataType.startsWith("TYPE_") ? dataType.substring(5) : dataType;
        }
    }

    private static final Descriptor MODEL_CONFIG = schema();

    // The fields left to Triton are unknown here by design; protobuf would log a warning for each parse. Held in a
    // field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger TEXT_FORMAT_LOG = Logger.getLogger(TextFormat.class.getName());

    static {
        TEXT_FORMAT_LOG.setLevel(Level.SEVERE);
    }

    /** Parses and checks a config; an IllegalArgumentException says what is wrong. */
    public static TritonModelConfig parse(String text) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(MODEL_CONFIG);
        try {
            TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build().merge(text, builder);
        } catch (TextFormat.ParseException e) {
            throw new IllegalArgumentException("config.pbtxt: " + e.getMessage(), e);
        }
        DynamicMessage m = builder.build();
        TritonModelConfig config = new TritonModelConfig(string(m, "name"), string(m, "platform"),
                string(m, "backend"), (int) m.getField(field(MODEL_CONFIG, "max_batch_size")),
                tensors(m, "input", "dims"), tensors(m, "output", "dims"));
        if (config.inputs().isEmpty() || config.outputs().isEmpty()) {
            throw new IllegalArgumentException("config.pbtxt: a model needs at least one input and one output");
        }
        if (config.maxBatchSize() < 0) {
            throw new IllegalArgumentException("config.pbtxt: max_batch_size cannot be negative");
        }
        return config;
    }

    /** The shape a request carries for {@code tensor}: the batch dimension first when the model batches. */
    public long[] requestShape(TensorConfig tensor, int batch) {
        if (maxBatchSize == 0) {
            return tensor.dims().clone();
        }
        long[] shape = new long[tensor.dims().length + 1];
        shape[0] = batch;
        System.arraycopy(tensor.dims(), 0, shape, 1, tensor.dims().length);
        return shape;
    }

    /** Whether this config runs on ONNX Runtime, the only backend RadRelay serves. */
    public boolean onnxRuntime() {
        return "onnxruntime".equals(backend) || "onnxruntime_onnx".equals(platform);
    }

    private static List<TensorConfig> tensors(Message m, String name, String dimsField) {
        List<TensorConfig> found = new ArrayList<>();
        FieldDescriptor list = field(m.getDescriptorForType(), name);
        for (int i = 0; i < m.getRepeatedFieldCount(list); i++) {
            Message t = (Message) m.getRepeatedField(list, i);
            FieldDescriptor dims = field(t.getDescriptorForType(), dimsField);
            long[] values = new long[t.getRepeatedFieldCount(dims)];
            for (int d = 0; d < values.length; d++) {
                values[d] = (long) t.getRepeatedField(dims, d);
            }
            String tensorName = string(t, "name");
            String type = ((EnumValueDescriptor) t.getField(field(t.getDescriptorForType(), "data_type"))).getName();
            if (tensorName.isBlank() || "TYPE_INVALID".equals(type) || values.length == 0) {
                throw new IllegalArgumentException("config.pbtxt: every " + name + " needs a name, a data_type and "
                        + "dims (" + (tensorName.isBlank() ? "one has no name" : tensorName + " lacks them") + ")");
            }
            found.add(new TensorConfig(tensorName, type, values));
        }
        return List.copyOf(found);
    }

    private static String string(Message m, String name) {
        return (String) m.getField(field(m.getDescriptorForType(), name));
    }

    private static FieldDescriptor field(Descriptor type, String name) {
        return type.findFieldByName(name);
    }

    /** The subset of Triton's model_config.proto, with its field names, numbers and enum values. */
    private static Descriptor schema() {
        EnumDescriptorProto.Builder dataType = EnumDescriptorProto.newBuilder().setName("DataType");
        String[] types = {"TYPE_INVALID", "TYPE_BOOL", "TYPE_UINT8", "TYPE_UINT16", "TYPE_UINT32", "TYPE_UINT64",
            "TYPE_INT8", "TYPE_INT16", "TYPE_INT32", "TYPE_INT64", "TYPE_FP16", "TYPE_FP32", "TYPE_FP64",
            "TYPE_STRING", "TYPE_BF16"};
        for (int i = 0; i < types.length; i++) {
            dataType.addValue(EnumValueDescriptorProto.newBuilder().setName(types[i]).setNumber(i));
        }
        EnumDescriptorProto.Builder format = EnumDescriptorProto.newBuilder().setName("Format")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("FORMAT_NONE").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("FORMAT_NHWC").setNumber(1))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("FORMAT_NCHW").setNumber(2));
        DescriptorProto input = DescriptorProto.newBuilder().setName("ModelInput").addEnumType(format)
                .addField(scalar("name", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(enumField("data_type", 2, ".inference.DataType"))
                .addField(enumField("format", 3, ".inference.ModelInput.Format"))
                .addField(repeated("dims", 4))
                .addField(scalar("is_shape_tensor", 6, FieldDescriptorProto.Type.TYPE_BOOL))
                .addField(scalar("optional", 8, FieldDescriptorProto.Type.TYPE_BOOL))
                .build();
        DescriptorProto output = DescriptorProto.newBuilder().setName("ModelOutput")
                .addField(scalar("name", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(enumField("data_type", 2, ".inference.DataType"))
                .addField(repeated("dims", 3))
                .addField(scalar("label_filename", 4, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(scalar("is_shape_tensor", 6, FieldDescriptorProto.Type.TYPE_BOOL))
                .build();
        DescriptorProto config = DescriptorProto.newBuilder().setName("ModelConfig")
                .addField(scalar("name", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(scalar("platform", 2, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(scalar("max_batch_size", 4, FieldDescriptorProto.Type.TYPE_INT32))
                .addField(message("input", 5, ".inference.ModelInput"))
                .addField(message("output", 6, ".inference.ModelOutput"))
                .addField(scalar("default_model_filename", 8, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(scalar("backend", 17, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(scalar("runtime", 25, FieldDescriptorProto.Type.TYPE_STRING))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("radrelay/model_config_subset.proto")
                .setPackage("inference").setSyntax("proto3").addEnumType(dataType).addMessageType(input)
                .addMessageType(output).addMessageType(config).build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("ModelConfig");
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldDescriptorProto.Builder scalar(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder enumField(String name, int number, String type) {
        return scalar(name, number, FieldDescriptorProto.Type.TYPE_ENUM).setTypeName(type);
    }

    private static FieldDescriptorProto.Builder repeated(String name, int number) {
        return scalar(name, number, FieldDescriptorProto.Type.TYPE_INT64)
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
    }

    private static FieldDescriptorProto.Builder message(String name, int number, String type) {
        return scalar(name, number, FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
    }
}
