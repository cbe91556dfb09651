package com.radrelay.inference;

import java.util.Arrays;

/** A named FP32 tensor: its shape and its values in row-major order. */
public record Tensor(String name, long[] shape, float[] values) {

    public Tensor {
        long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (count != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " has "
                    + values.length + " values");
        }
    }

    /** The number of items along the first (batch) dimension. */
    public int batch() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }
}
