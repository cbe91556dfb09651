package com.radrelay.inference.embedded;

import com.radrelay.inference.GraphSignature;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.util.unit.DataSize;

/** A graph loaded once in a model process of its own, for its signature, and the process ended again. */
public final class GraphInspection {

    private GraphInspection() {
    }

    /**
     * The graph's inputs and outputs, after a run on zeros of {@code probeShape} when the graph has that input (FP32
     * and of a shape that fits).
     *
     * @throws IllegalArgumentException when it does not load, or does not run, within the memory and time given
     */
    public static GraphSignature inspect(byte[] onnx, DataSize memory, String input, long[] probeShape,
            Duration runLimit) {
        ScheduledExecutorService watchdog = ModelProcess.watchdog("graph-inspection-limit");
        try (HostLauncher launcher = new HostLauncher(memory);
                ModelProcess process = start(launcher, watchdog, onnx)) {
            GraphSignature signature = process.signature();
            if (signature.inputs().stream().anyMatch(t -> t.name().equals(input) && "FLOAT".equals(t.type())
                    && fits(t.shape(), probeShape))) {
                try {
                    process.probe(input, probeShape, runLimit);
                } catch (ModelProcess.Failure e) {
                    throw new IllegalArgumentException("does not run " + (probeShape.length > 0 && probeShape[0] > 1
                            ? "a batch of " + probeShape[0] + " images" : "one image") + " within "
                            + memory.toMegabytes() + " MB and " + runLimit.toSeconds() + " s: " + e.getMessage(), e);
                }
            }
            return signature;
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static ModelProcess start(HostLauncher launcher, ScheduledExecutorService watchdog, byte[] onnx) {
        try {
            return ModelProcess.start(launcher, watchdog, onnx);
        } catch (ModelProcess.Failure e) {
            throw new IllegalArgumentException("does not load in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static boolean fits(long[] graph, long[] shape) {
        if (graph.length != shape.length) {
            return false;
        }
        for (int d = 0; d < shape.length; d++) {
            if (graph[d] >= 0 && graph[d] != shape[d]) {
                return false;
            }
        }
        return true;
    }
}
