package com.radrelay.archive;

import java.util.concurrent.CompletableFuture;

/**
 * Instances that arrive one after another on one stream, such as the parts of a STOW-RS body: each is read and
 * checked when added, while earlier ones are still being written, so reading the next part overlaps with storing
 * the previous ones. A few instances, over all batches, are written at once
 * ({@code radrelay.archive.batch-in-flight}); two copies of the same SOP instance are written in the order they
 * were added.
 */
public interface StoreBatch {

    /**
     * Reads the request's stream to its end before returning. The future completes, never exceptionally, once the
     * instance is durable (object and index) or has been refused.
     */
    CompletableFuture<StoreResult> add(StoreRequest request);
}
