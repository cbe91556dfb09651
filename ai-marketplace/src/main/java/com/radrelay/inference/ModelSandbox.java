package com.radrelay.inference;

import com.radrelay.inference.embedded.GraphInspection;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Loads a vendor's graph where it can do no harm before it is accepted: in a process of its own under the memory
 * and time limits models run with, so a graph that asks ONNX Runtime for too much while being optimised fails
 * alone; then runs its largest batch once, so the vendor learns at upload that it does not fit.
 */
public final class ModelSandbox {

    private final DataSize memory;
    private final Duration runTimeLimit;

    public ModelSandbox(DataSize memory, Duration runTimeLimit) {
        this.memory = memory;
        this.runTimeLimit = runTimeLimit;
    }

    /**
     * The graph's signature, after a run on zeros of {@code largest} (the config's input at its largest batch) when
     * the graph has that input.
     *
     * @throws IllegalArgumentException with the reason, in words for the vendor ("does not load ...", "does not
     *     run ..."), when it does not load or run within the limits
     */
    public GraphSignature load(byte[] onnx, String input, long[] largest) {
        return GraphInspection.inspect(onnx, memory, input, largest, runTimeLimit);
    }
}
