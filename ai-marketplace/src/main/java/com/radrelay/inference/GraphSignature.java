package com.radrelay.inference;

import java.util.List;

/** A graph's inputs and outputs as ONNX Runtime loaded it: element types by its names (FLOAT, INT64 ...). */
public record GraphSignature(List<Tensor> inputs, List<Tensor> outputs) {

    /** One input or output; a dimension below zero is free (the batch). */
    public record Tensor(String name, String type, long[] shape) {
    }
}
