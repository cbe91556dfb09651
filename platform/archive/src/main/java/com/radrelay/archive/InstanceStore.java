package com.radrelay.archive;

import com.radrelay.archive.store.InstanceParser;
import com.radrelay.archive.store.MalformedInstanceException;
import com.radrelay.archive.store.ParsedInstance;
import com.radrelay.archive.store.Spool;
import com.radrelay.archive.store.StoreValidation;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.TenantId;
import com.radrelay.tenancy.TenantJdbcTransactions;
import java.io.IOException;
import java.io.InputStream;
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
 * The one store path of every door: spool and parse in a single pass, validate, write the encrypted object while
 * indexing it. Success is reported only after both the object and its index row are durable; a failure on the way
 * removes what was written, and nothing about one instance affects the next. Every refusal is audited here, with
 * the reason its door reports.
 */
@Component
class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);
    private static final Executor UPLOADS = task -> Thread.ofVirtual().name("object-upload").start(task);
    private static final Executor SAVES = task -> Thread.ofVirtual().name("instance-save").start(task);

    private final ArchiveSettings settings;
    private final ObjectStore objects;
    private final ArchiveIndex index;
    private final TenantJdbcTransactions tx;
    private final AuditLog audit;
    // Shared by all batches: more writes at once than this only contend for the cores and database connections,
    // and it bounds the spools held. Fair, so concurrent requests take turns.
    private final Semaphore batchWrites;

    InstanceStore(ArchiveSettings settings, ObjectStore objects, ArchiveIndex index, TenantJdbcTransactions tx,
            AuditLog audit) {
        this.settings = settings;
        this.objects = objects;
        this.index = index;
        this.tx = tx;
        this.audit = audit;
        this.batchWrites = new Semaphore(settings.batchInFlight(), true);
    }

    /** A batch of one: read, checked and written on the caller's thread. */
    StoreResult store(StoreRequest request) {
        return new Batch(false).add(request).join();
    }

    /** See {@link StoreBatch}: the caller reads and checks; the writes run on virtual threads. */
    StoreBatch batch() {
        return new Batch(true);
    }

    /**
     * Used by one thread, the one reading the stream. A second copy of an instance waits for the first, so the
     * later copy is the one that counts under the replace policy, as when they arrive one by one.
     */
    private final class Batch implements StoreBatch {

        private final boolean overlapWrites;
        private final Map<String, CompletableFuture<StoreResult>> bySopInstance = new HashMap<>();

        Batch(boolean overlapWrites) {
            this.overlapWrites = overlapWrites;
        }

        @Override
        public CompletableFuture<StoreResult> add(StoreRequest request) {
            Spool spool;
            try {
                spool = new Spool(settings.spoolInMemory(), Files.createDirectories(settings.spoolDir()));
            } catch (IOException e) {
                return CompletableFuture.completedFuture(failed(request, null, "spooling failed: " + e.getMessage()));
            }
            ParsedInstance p;
            try {
                p = read(request, spool);
            } catch (MalformedInstanceException e) {
                closeQuietly(spool);
                return CompletableFuture.completedFuture(refused(request, e.status(), e.getMessage(), null));
            } catch (RuntimeException e) {
                closeQuietly(spool);
                throw e;
            }
            if (!overlapWrites) {
                try {
                    return CompletableFuture.completedFuture(save(request, p, spool));
                } finally {
                    closeQuietly(spool);
                }
            }
            CompletableFuture<StoreResult> earlier = bySopInstance.get(p.sopInstanceUid());
            batchWrites.acquireUninterruptibly();
            CompletableFuture<StoreResult> saved = CompletableFuture.supplyAsync(() -> {
                try {
                    if (earlier != null) {
                        earlier.join();
                    }
                    return save(request, p, spool);
                } finally {
                    closeQuietly(spool);
                    batchWrites.release();
                }
            }, SAVES);
            bySopInstance.put(p.sopInstanceUid(), saved);
            return saved;
        }
    }

    /** Reads the instance to its end and checks it. */
    private ParsedInstance read(StoreRequest request, Spool spool) throws MalformedInstanceException {
        try {
            ParsedInstance parsed = switch (request) {
                case StoreRequest.Dimse d -> {
                    ParsedInstance p = InstanceParser.parseDataset(d.data(), d.transferSyntax(), d.sopClassUid(),
                            d.sopInstanceUid(), d.callingAeTitle(), spool);
                    StoreValidation.matchesCommand(p, d.sopClassUid(), d.sopInstanceUid());
                    yield p;
                }
                case StoreRequest.Web w -> InstanceParser.parseFile(w.data(), spool);
            };
            StoreValidation.check(parsed);
            if (request instanceof StoreRequest.Web w && w.study() != null
                    && !w.study().value().equals(parsed.studyInstanceUid())) {
                throw new MalformedInstanceException(StoreValidation.DOES_NOT_MATCH_SOP_CLASS, "instance belongs to study "
                        + parsed.studyInstanceUid() + ", not to the study " + w.study() + " of the request");
            }
            return parsed;
        } catch (MalformedInstanceException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedInstanceException(StoreValidation.CANNOT_UNDERSTAND,
                    "reading the instance failed: " + e.getMessage());
        }
    }

    private StoreResult save(StoreRequest request, ParsedInstance p, Spool spool) {
        try {
            return write(request, p, spool);
        } catch (RuntimeException e) {
            log.warn("Storing {} failed", p.sopInstanceUid(), e);
            return failed(request, p, "storing failed: " + e.getMessage());
        }
    }

    private StoreResult write(StoreRequest request, ParsedInstance p, Spool spool) {
        // The object uploads while its index rows are written; the transaction commits only once the object is
        // durable, so the acknowledgement still waits for both, but the two round trips overlap. Duplicates are
        // found by the index insert itself; the rare copy is uploaded, then removed.
        TenantId tenant = request.tenant();
        boolean replace = settings.duplicates() == ArchiveSettings.DuplicatePolicy.REPLACE;
        ObjectKey key = new ObjectKey(tenant, "studies/" + p.studyInstanceUid() + "/series/" + p.seriesInstanceUid()
                + "/" + p.sopInstanceUid() + "-" + UUID.randomUUID().toString().substring(0, 8) + ".dcm");
        NewInstance row = newInstance(p, key, spool.length(), spool.sha256(), request.source());
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(key, spool), UPLOADS);
        SaveOutcome outcome;
        try {
            outcome = tx.execute(tenant, () -> {
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
            return failed(request, p, "object storage failed: " + e.getMessage());
        } catch (DataAccessException e) {
            removeWhenUploaded(upload, key);
            log.warn("Indexing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return failed(request, p, "index update failed");
        } catch (RuntimeException e) {
            removeWhenUploaded(upload, key);
            throw e;
        }
        return switch (outcome) {
            case SaveOutcome.Inserted i -> stored(p);
            case SaveOutcome.Replaced r -> {
                deleteQuietly(ObjectKey.parse(r.previousObjectKey()));
                yield stored(p);
            }
            case SaveOutcome.KeptExisting k -> {
                removeWhenUploaded(upload, key);
                yield duplicate(p);
            }
            case SaveOutcome.Conflict c -> {
                removeWhenUploaded(upload, key);
                yield refused(request, StoreValidation.DOES_NOT_MATCH_SOP_CLASS, c.reason(), p);
            }
        };
    }

    private void upload(ObjectKey key, Spool spool) {
        try (InputStream in = spool.open()) {
            objects.put(key, in);
        } catch (IOException e) {
            throw new ObjectNotStored(e.getMessage(), e);
        }
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
    private void removeWhenUploaded(CompletableFuture<Void> upload, ObjectKey key) {
        try {
            upload.join();
        } catch (CompletionException e) {
            return;
        }
        deleteQuietly(key);
    }

    private static NewInstance newInstance(ParsedInstance p, ObjectKey key, long size, String sha256, String source) {
        ParsedInstance.PixelData px = p.pixels();
        return new NewInstance(p.dataset(), p.transferSyntax(), key.name(), size, sha256,
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

    /** The instance is refused for a reason of its own; the audit log gets the reason its sender gets. */
    private StoreResult refused(StoreRequest request, int status, String reason, @Nullable ParsedInstance p) {
        StoreResult.Rejected rejected = new StoreResult.Rejected(status, reason, sopClass(request, p),
                sopInstance(request, p));
        audit.record(new AuditEvent(request.tenant(), request.source(), "STORE_REJECTED", "instance",
                rejected.sopInstanceUid(), AuditEvent.Outcome.FAILURE,
                "status=" + Integer.toHexString(status) + " " + reason));
        return rejected;
    }

    private static StoreResult failed(StoreRequest request, @Nullable ParsedInstance p, String reason) {
        return new StoreResult.Failed(reason, sopClass(request, p), sopInstance(request, p));
    }

    private static @Nullable String sopClass(StoreRequest request, @Nullable ParsedInstance p) {
        return p != null ? p.sopClassUid() : request instanceof StoreRequest.Dimse d ? d.sopClassUid() : null;
    }

    private static @Nullable String sopInstance(StoreRequest request, @Nullable ParsedInstance p) {
        return p != null ? p.sopInstanceUid() : request instanceof StoreRequest.Dimse d ? d.sopInstanceUid() : null;
    }

    private static void closeQuietly(Spool spool) {
        try {
            spool.close();
        } catch (IOException e) {
            log.warn("Could not remove a spool file: {}", e.getMessage());
        }
    }

    private void deleteQuietly(ObjectKey key) {
        try {
            objects.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete unreferenced object {}: {}", key, e.getMessage());
        }
    }

    /** The object of an instance could not be written; nothing of the instance is kept. */
    private static final class ObjectNotStored extends RuntimeException {
        ObjectNotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
