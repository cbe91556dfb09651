package com.radrelay.archive.store;

import com.radrelay.archive.ArchiveSettings;
import com.radrelay.archive.StoreBatch;
import com.radrelay.archive.StoreRequest;
import com.radrelay.archive.StoreResult;
import com.radrelay.archive.index.ArchiveIndex;
import com.radrelay.archive.index.NewInstance;
import com.radrelay.archive.index.SaveOutcome;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores one instance: spool and parse in a single pass, validate, write the encrypted object while indexing it.
 * Success is reported only after both the object and its index row are durable; a failure on the way removes
 * what was written, and nothing about one instance affects the next.
 */
@Component
public class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);
    private static final Executor UPLOADS = task -> Thread.ofVirtual().name("object-upload").start(task);
    private static final Executor SAVES = task -> Thread.ofVirtual().name("instance-save").start(task);

    private final ArchiveSettings settings;
    private final ObjectStore objects;
    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;
    // Shared by all batches: more writes at once than this only contend for the cores and database connections,
    // and it bounds the spools held. Fair, so concurrent requests take turns.
    private final Semaphore batchWrites;

    InstanceStore(ArchiveSettings settings, ObjectStore objects, ArchiveIndex index, TenantJdbcTransactions tx) {
        this.settings = settings;
        this.objects = objects;
        this.index = index;
        this.tx = tx;
        this.batchWrites = new Semaphore(settings.batchInFlight(), true);
    }

    public StoreResult store(StoreRequest request) {
        return CurrentTenant.call(request.tenant(), () -> {
            try (Spool spool = newSpool()) {
                Read read = read(request, spool);
                return read.refused() != null ? read.refused()
                        : save(request.tenant(), request.source(), read.instance(), spool);
            } catch (IOException e) {
                return new StoreResult.Failed("spooling failed: " + e.getMessage(), null, null);
            }
        });
    }

    /** See {@link StoreBatch}: the caller reads and checks; the writes run on virtual threads. */
    public StoreBatch batch() {
        return new Batch();
    }

    private Spool newSpool() throws IOException {
        return new Spool(settings.spoolInMemory(), Files.createDirectories(settings.spoolDir()));
    }

    /** An instance read to its end and checked, or the reason it was refused. */
    private record Read(@Nullable ParsedInstance instance, @Nullable StoreResult refused) {
    }

    private Read read(StoreRequest request, Spool spool) {
        ParsedInstance parsed;
        try {
            parsed = switch (request) {
                case StoreRequest.Dimse d -> {
                    ParsedInstance p = InstanceParser.parseDataset(d.data(), d.transferSyntax(), d.sopClassUid(),
                            d.sopInstanceUid(), d.callingAeTitle(), spool);
                    StoreValidation.matchesCommand(p, d.sopClassUid(), d.sopInstanceUid());
                    yield p;
                }
                case StoreRequest.Web w -> InstanceParser.parseFile(w.data(), spool);
            };
            StoreValidation.check(parsed);
            if (request instanceof StoreRequest.Web w && w.studyInstanceUid() != null
                    && !w.studyInstanceUid().equals(parsed.studyInstanceUid())) {
                throw new MalformedInstanceException(StoreValidation.DOES_NOT_MATCH_SOP_CLASS, "instance belongs to study "
                        + parsed.studyInstanceUid() + ", not to the study " + w.studyInstanceUid() + " of the request");
            }
        } catch (MalformedInstanceException e) {
            return new Read(null, rejected(request, e.status(), e.getMessage()));
        } catch (IOException e) {
            return new Read(null, rejected(request, StoreValidation.CANNOT_UNDERSTAND,
                    "reading the instance failed: " + e.getMessage()));
        }
        return new Read(parsed, null);
    }

    /**
     * Used by one thread, the one reading the stream. A second copy of an instance waits for the first, so the
     * later copy is the one that counts under the replace policy, as when they arrive one by one.
     */
    private final class Batch implements StoreBatch {

        private final Map<String, CompletableFuture<StoreResult>> bySopInstance = new HashMap<>();

        @Override
        public CompletableFuture<StoreResult> add(StoreRequest request) {
            TenantId tenant = request.tenant();
            Spool spool;
            Read read;
            try {
                spool = newSpool();
            } catch (IOException e) {
                return CompletableFuture.completedFuture(
                        new StoreResult.Failed("spooling failed: " + e.getMessage(), null, null));
            }
            try {
                read = CurrentTenant.call(tenant, () -> read(request, spool));
            } catch (RuntimeException e) {
                closeQuietly(spool);
                throw e;
            }
            ParsedInstance p = read.instance();
            if (p == null) {
                closeQuietly(spool);
                return CompletableFuture.completedFuture(read.refused());
            }
            CompletableFuture<StoreResult> earlier = bySopInstance.get(p.sopInstanceUid());
            batchWrites.acquireUninterruptibly();
            CompletableFuture<StoreResult> saved = CompletableFuture.supplyAsync(() -> {
                try {
                    if (earlier != null) {
                        earlier.join();
                    }
                    return CurrentTenant.call(tenant, () -> save(tenant, request.source(), p, spool));
                } catch (RuntimeException e) {
                    log.warn("Storing {} failed", p.sopInstanceUid(), e);
                    return new StoreResult.Failed("storing failed: " + e.getMessage(), p.sopClassUid(),
                            p.sopInstanceUid());
                } finally {
                    closeQuietly(spool);
                    batchWrites.release();
                }
            }, SAVES);
            bySopInstance.put(p.sopInstanceUid(), saved);
            return saved;
        }
    }

    private static void closeQuietly(Spool spool) {
        try {
            spool.close();
        } catch (IOException e) {
            log.warn("Could not remove a spool file: {}", e.getMessage());
        }
    }

    private StoreResult save(TenantId tenant, String source, ParsedInstance p, Spool spool) {
        // The object uploads while its index rows are written; the transaction commits only once the object is
        // durable, so the acknowledgement still waits for both, but the two round trips overlap. Duplicates are
        // found by the index insert itself; the rare copy is uploaded, then removed.
        boolean replace = settings.duplicates() == ArchiveSettings.DuplicatePolicy.REPLACE;
        String path = "studies/" + p.studyInstanceUid() + "/series/" + p.seriesInstanceUid() + "/"
                + p.sopInstanceUid() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".dcm";
        NewInstance row = newInstance(p, ObjectStore.key(tenant, path), spool.length(), spool.sha256(), source);
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(tenant, path, spool), UPLOADS);
        SaveOutcome outcome;
        try {
            outcome = tx.execute(() -> {
                SaveOutcome saved = index.save(tenant, row, replace);
                switch (saved) {
                    case SaveOutcome.Inserted i -> commitWhenStored(upload, tenant, i.studyPk());
                    case SaveOutcome.Replaced r -> commitWhenStored(upload, tenant, r.studyPk());
                    default -> { }
                }
                return saved;
            });
        } catch (ObjectNotStored e) {
            log.warn("Storing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return new StoreResult.Failed("object storage failed: " + e.getMessage(), p.sopClassUid(),
                    p.sopInstanceUid());
        } catch (DataAccessException e) {
            removeWhenUploaded(upload, tenant, path);
            log.warn("Indexing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return new StoreResult.Failed("index update failed", p.sopClassUid(), p.sopInstanceUid());
        } catch (RuntimeException e) {
            removeWhenUploaded(upload, tenant, path);
            throw e;
        }
        return switch (outcome) {
            case SaveOutcome.Inserted i -> stored(p);
            case SaveOutcome.Replaced r -> {
                deleteQuietly(tenant, r.previousObjectKey().substring(("tenants/" + tenant + "/").length()));
                yield stored(p);
            }
            case SaveOutcome.KeptExisting k -> {
                removeWhenUploaded(upload, tenant, path);
                yield duplicate(p);
            }
            case SaveOutcome.Conflict c -> {
                removeWhenUploaded(upload, tenant, path);
                yield new StoreResult.Rejected(StoreValidation.DOES_NOT_MATCH_SOP_CLASS, c.reason(), p.sopClassUid(),
                        p.sopInstanceUid());
            }
        };
    }

    private void upload(TenantId tenant, String path, Spool spool) {
        CurrentTenant.run(tenant, () -> {
            try {
                objects.put(tenant, path, spool);
            } catch (IOException e) {
                throw new ObjectNotStored(e.getMessage(), e);
            }
        });
    }

    /** Waits, inside the index transaction, for the object; a failed upload rolls the rows back. */
    private void commitWhenStored(CompletableFuture<Void> upload, TenantId tenant, long studyPk) {
        try {
            upload.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ObjectNotStored n ? n
                    : new ObjectNotStored(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
        index.markReceived(tenant, studyPk);
    }

    /** An object nobody will reference: waits for its upload (which also reads the spool) to end, then deletes it. */
    private void removeWhenUploaded(CompletableFuture<Void> upload, TenantId tenant, String path) {
        try {
            upload.join();
        } catch (CompletionException e) {
            return;
        }
        deleteQuietly(tenant, path);
    }

    private static NewInstance newInstance(ParsedInstance p, String key, long size, String sha256, String source) {
        ParsedInstance.PixelData px = p.pixels();
        return new NewInstance(p.dataset(), p.transferSyntax(), key, size, sha256,
                px == null ? null : px.tag(), px == null ? null : px.vr().name(), px == null ? null : px.offset(),
                px == null ? null : px.length(), px == null ? null : px.fragments(), source);
    }

    private static StoreResult stored(ParsedInstance p) {
        return new StoreResult.Stored(p.sopClassUid(), p.sopInstanceUid(), p.studyInstanceUid(), p.seriesInstanceUid());
    }

    private static StoreResult duplicate(ParsedInstance p) {
        return new StoreResult.Duplicate(p.sopClassUid(), p.sopInstanceUid(), p.studyInstanceUid(),
                p.seriesInstanceUid());
    }

    private static StoreResult rejected(StoreRequest request, int status, String reason) {
        String cuid = request instanceof StoreRequest.Dimse d ? d.sopClassUid() : null;
        String iuid = request instanceof StoreRequest.Dimse d ? d.sopInstanceUid() : null;
        return new StoreResult.Rejected(status, reason, cuid, iuid);
    }

    /** The object of an instance could not be written; nothing of the instance is kept. */
    private static final class ObjectNotStored extends RuntimeException {
        ObjectNotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void deleteQuietly(TenantId tenant, String path) {
        try {
            objects.delete(tenant, path);
        } catch (IOException e) {
            log.warn("Could not delete unreferenced object {}: {}", path, e.getMessage());
        }
    }
}
