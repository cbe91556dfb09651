package com.radrelay.inference.embedded;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import com.radrelay.inference.GraphSignature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One model version in a process of its own ({@link ModelHost}), limited in memory by the operating system and
 * stopped when a call outlives its time limit: whatever a vendor's graph does, the server and the other models go
 * on. Calls are taken one at a time, as by a Triton instance group of one.
 */
final class ModelProcess implements AutoCloseable {

    /** Why a model's process gave no answer. */
    static final class Failure extends Exception {

        enum Kind {
            /** The runtime refused or failed the call; the process goes on. */
            FAILED,
            /** It needed more memory than its limit; the process has ended. */
            OUT_OF_MEMORY,
            /** The call outlived its time limit, and the process was stopped. */
            TIME_LIMIT,
            /** The process ended without saying why (killed, crashed, or out of memory outside the runtime). */
            ENDED
        }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        Kind kind() {
            return kind;
        }
    }

    /** Loading a graph may take longer than a run: ONNX Runtime optimises it first, folding constants. */
    static final Duration LOAD_LIMIT = Duration.ofMinutes(2);

    private final Process process;
    private final DataOutputStream to;
    private final DataInputStream from;
    private final ScheduledExecutorService watchdog;
    private final String memory;
    private final GraphSignature signature;
    private volatile boolean stopped;

    private ModelProcess(HostLauncher launcher, ScheduledExecutorService watchdog, byte[] onnx)
            throws IOException, Failure {
        this.watchdog = watchdog;
        this.memory = launcher.memory().toMegabytes() + " MB";
        this.process = launcher.start();
        this.to = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.from = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        this.signature = call(LOAD_LIMIT, "loading", () -> {
            HostFrames.model(to, onnx);
            int kind = from.readUnsignedByte();
            if (kind == HostFrames.SIGNATURE) {
                return new GraphSignature(HostFrames.readTensors(from), HostFrames.readTensors(from));
            }
            throw failure(kind);
        });
    }

    /** The thread that stops calls past their limits, for the processes started with it. */
    static ScheduledExecutorService watchdog(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a process for the graph and loads it there; the process is gone again if that fails. */
    static ModelProcess start(HostLauncher launcher, ScheduledExecutorService watchdog, byte[] onnx) throws Failure {
        try {
            return new ModelProcess(launcher, watchdog, onnx);
        } catch (IOException e) {
            throw new Failure(Failure.Kind.ENDED, "the model's process did not start: " + e.getMessage());
        }
    }

    GraphSignature signature() {
        return signature;
    }

    boolean alive() {
        return !stopped && process.isAlive();
    }

    /** Runs the graph on one input; the process is stopped when the call takes longer than {@code limit}. */
    synchronized List<HostFrames.Output> run(String input, long[] shape, ByteString values, List<String> wanted,
            Duration limit) throws Failure {
        return call(limit, "running", () -> {
            HostFrames.request(to, input, shape, values, wanted);
            int kind = from.readUnsignedByte();
            if (kind == HostFrames.OUTPUTS) {
                return HostFrames.readOutputs(from);
            }
            throw failure(kind);
        });
    }

    /**
     * Runs the graph once on zeros of the input's largest shape, wanting every output: what a model needs for that
     * it needs for any study, so a model that cannot run its largest batch within its limits fails before it is used.
     */
    void probe(String input, long[] shape, Duration limit) throws Failure {
        long bytes = 4 * Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new Failure(Failure.Kind.FAILED, "an input of " + bytes + " bytes is more than a request may hold");
        }
        run(input, shape, UnsafeByteOperations.unsafeWrap(new byte[(int) bytes]), signature.outputs().stream()
                .map(GraphSignature.Tensor::name).toList(), limit);
    }

    private interface Exchange<T> {
        T run() throws IOException, Failure;
    }

    private <T> T call(Duration limit, String doing, Exchange<T> exchange) throws Failure {
        if (!alive()) {
            throw new Failure(Failure.Kind.ENDED, "the model's process has ended");
        }
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> stop = watchdog.schedule(() -> {
            late.set(true);
            close();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return exchange.run();
        } catch (IOException e) {
            if (late.get()) {
                throw new Failure(Failure.Kind.TIME_LIMIT, doing + " took longer than " + limit.toMillis()
                        + " ms and was stopped");
            }
            close();
            throw new Failure(Failure.Kind.ENDED, "the model's process ended while " + doing + exitCode()
                    + "; it may have needed more than its " + memory + " of memory");
        } catch (Failure f) {
            if (f.kind() == Failure.Kind.OUT_OF_MEMORY) {
                close();
            }
            throw f;
        } finally {
            stop.cancel(false);
        }
    }

    private Failure failure(int kind) throws IOException {
        String message = from.readUTF();
        return switch (kind) {
            case HostFrames.OUT_OF_MEMORY -> new Failure(Failure.Kind.OUT_OF_MEMORY, "it needed more than its "
                    + memory + " of memory: " + message);
            case HostFrames.FAILED -> new Failure(Failure.Kind.FAILED, message);
            default -> throw new IOException("unexpected answer " + kind);
        };
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        stopped = true;
        process.destroyForcibly();
    }
}
