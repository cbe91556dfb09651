package com.radrelay.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The stored objects of several instances, in their order, each requested from object storage while the caller
 * still reads the one before: a series answer otherwise leaves the client's connection idle for one object
 * request after another. One object ahead at most; what it holds is its request and the storage connection's
 * buffer, not the object.
 */
public final class ReadAhead implements AutoCloseable {

    private static final Executor OPENS = task -> Thread.ofVirtual().name("object-read-ahead").start(task);

    private final InstanceReader reader;
    private final Iterator<StoredInstance> pending;
    private @Nullable Requested next;

    /** An instance and the request for its object, made ahead of its turn. */
    private record Requested(StoredInstance instance, CompletableFuture<InputStream> object) {
    }

    ReadAhead(InstanceReader reader, List<StoredInstance> instances) {
        this.reader = reader;
        this.pending = instances.iterator();
        advance();
    }

    /**
     * The object of {@code wanted}, which the caller closes; the instance after it is requested now. Instances
     * before it that were not asked for (a retrieve that skips one it cannot send) are released.
     */
    public InputStream open(StoredInstance wanted) throws IOException {
        while (next != null && !wanted.equals(next.instance())) {
            next.object().thenAccept(ReadAhead::closeQuietly);
            advance();
        }
        Requested current = next;
        if (current == null) {
            throw new IllegalArgumentException(wanted + " is not ahead in this retrieve");
        }
        advance();
        try {
            return current.object().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void advance() {
        if (!pending.hasNext()) {
            next = null;
            return;
        }
        StoredInstance instance = pending.next();
        next = new Requested(instance, CompletableFuture.supplyAsync(() -> {
            try {
                return reader.open(instance);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OPENS));
    }

    /** An answer given up half way (the client left, a read failed) releases the object requested ahead. */
    @Override
    public void close() {
        if (next != null) {
            next.object().thenAccept(ReadAhead::closeQuietly);
            next = null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was read from it; the connection is simply not reused
        }
    }
}
