package com.radrelay.inference;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where models run. {@code target} is {@code embedded} (the in-process KServe v2 server over ONNX Runtime, the
 * stand-in for Triton) or a gRPC address such as {@code triton.internal:8001}; nothing else changes between them.
 *
 * @param deadline how long one infer call may take before it counts as a timeout
 * @param maxMessageSize the largest gRPC message either side accepts (gRPC's own default of 4 MB is too small for
 *     a batch of slices)
 * @param maxBatchSize the most images sent in one request, whatever a model allows
 * @param attempts how often a study's run is tried before the model is marked failed for it
 * @param backoff the wait before the second attempt; it doubles for each one after
 * @param runTimeLimit how long the embedded server lets one model run before it stops it
 * @param workers how many studies are read by models at the same time
 * @param lease how long a worker may hold a run before another may take it (a worker that died)
 * @param modelMemory the memory each model version's process may use in the embedded server, and an upload while
 *     it is checked (the Java runtime's and ONNX Runtime's own 64 MB included; 128 MB at least); a model that needs
 *     more fails, alone
 * @param repository Triton's HTTP endpoint ({@code http://triton.internal:8000}) for its repository extension
 *     (index, load, unload, model config); the embedded server serves its own
 */
@ConfigurationProperties("radrelay.inference")
public record InferenceSettings(@DefaultValue("embedded") String target, @DefaultValue("false") boolean tls,
        @DefaultValue("30s") Duration deadline, @DefaultValue("64MB") DataSize maxMessageSize,
        @DefaultValue("16") int maxBatchSize, @DefaultValue("3") int attempts, @DefaultValue("2s") Duration backoff,
        @DefaultValue("20s") Duration runTimeLimit, @DefaultValue("1") int workers,
        @DefaultValue("5m") Duration lease, @DefaultValue("1GB") DataSize modelMemory, @Nullable URI repository) {

    /**
     * HTTP/2's flow-control window on both ends: gRPC's 1 MB default makes a batch of slices (several MB) wait for
     * window updates on every megabyte.
     */
    public static final int FLOW_CONTROL_WINDOW = 16 * 1024 * 1024;

    public boolean embedded() {
        return "embedded".equals(target);
    }
}
