package com.radrelay.archive.retrieve;

import com.radrelay.archive.index.IndexedInstance;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The stored objects of several instances, in their order, each requested from object storage while the caller
 * still reads the one before: a series answer otherwise leaves the client's connection idle for one object
 * request after another. One object ahead at most; what it holds is its request and the storage connection's
 * socket buffer, not the object.
 */
public final class ReadAhead implements AutoCloseable {

    private static final Executor OPENS = task -> Thread.ofVirtual().name("object-read-ahead").start(task);

    private final InstanceReader reader;
    private final TenantId tenant;
    private final Iterator<IndexedInstance> pending;
    private @Nullable CompletableFuture<InputStream> next;

    ReadAhead(InstanceReader reader, TenantId tenant, List<IndexedInstance> instances) {
        this.reader = reader;
        this.tenant = tenant;
        this.pending = instances.iterator();
        this.next = pending.hasNext() ? openNext() : null;
    }

    /** The next instance's object, which the caller closes; the one after it is requested now. */
    public InputStream next() throws IOException {
        CompletableFuture<InputStream> current = next;
        if (current == null) {
            throw new NoSuchElementException("every object has been handed out");
        }
        next = pending.hasNext() ? openNext() : null;
        try {
            return current.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private CompletableFuture<InputStream> openNext() {
        IndexedInstance instance = pending.next();
        return CompletableFuture.supplyAsync(() -> CurrentTenant.call(tenant, () -> {
            try {
                return reader.open(instance);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), OPENS);
    }

    /** An answer given up half way (the client left, a read failed) releases the object requested ahead. */
    @Override
    public void close() {
        if (next != null) {
            next.thenAccept(ReadAhead::closeQuietly);
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
