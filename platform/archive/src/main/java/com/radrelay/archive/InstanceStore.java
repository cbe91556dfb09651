package com.radrelay.archive;

import com.radrelay.archive.store.IncomingObject;
import com.radrelay.archive.store.InstanceLimits;
import com.radrelay.archive.store.InstanceParser;
import com.radrelay.archive.store.MalformedInstanceException;
import com.radrelay.archive.store.ParsedInstance;
import com.radrelay.archive.store.SpoolFolder;
import com.radrelay.archive.store.StoreValidation;
import com.radrelay.audit.AuditEvent;
import com.radrelay.audit.AuditLog;
import com.radrelay.storage.ObjectKey;
import com.radrelay.storage.ObjectStore;
import com.radrelay.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Tag;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The one store path of every door: parse the instance as it arrives while its encrypted object is written, then
 * validate it, and index it while the object is made durable. Success is reported only after both the object and
 * its index row are durable; a failure on the way removes what was written, and nothing about one instance affects
 * the next. Every refusal is audited here, with the reason its door reports.
 */
@Component
class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);
    private static final Executor SYNCS = task -> Thread.ofVirtual().name("object-sync").start(task);
    private static final Executor SAVES = task -> Thread.ofVirtual().name("instance-save").start(task);

    private final ArchiveSettings settings;
    private final SpoolFolder spool;
    private final ObjectStore objects;
    private final IndexCommits commits;
    private final AuditLog audit;
    // Shared by all batches: more saves at once than this only contend for the cores and database connections.
    // Fair, so concurrent requests take turns.
    private final Semaphore batchWrites;

    InstanceStore(ArchiveSettings settings, ObjectStore objects, IndexCommits commits, AuditLog audit) {
        this.settings = settings;
        this.spool = SpoolFolder.prepare(settings.spoolDir());
        this.objects = objects;
        this.commits = commits;
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
            IncomingObject incoming = new IncomingObject(settings.spoolInMemory(), spool.path());
            ParsedInstance p;
            try {
                p = read(request, incoming);
            } catch (MalformedInstanceException e) {
                closeQuietly(incoming);
                return CompletableFuture.completedFuture(refused(request, e.status(), e.getMessage(), null));
            } catch (StorageFailure e) {
                closeQuietly(incoming);
                return CompletableFuture.completedFuture(failed(request, null, "object storage failed: "
                        + e.getMessage()));
            } catch (RuntimeException e) {
                closeQuietly(incoming);
                throw e;
            }
            noteUidMismatches(request, p);
            if (!overlapWrites) {
                try {
                    return CompletableFuture.completedFuture(save(request, p, incoming));
                } finally {
                    closeQuietly(incoming);
                }
            }
            CompletableFuture<StoreResult> earlier = bySopInstance.get(p.sopInstanceUid());
            batchWrites.acquireUninterruptibly();
            CompletableFuture<StoreResult> saved = CompletableFuture.supplyAsync(() -> {
                try {
                    if (earlier != null) {
                        earlier.join();
                    }
                    return save(request, p, incoming);
                } finally {
                    closeQuietly(incoming);
                    batchWrites.release();
                }
            }, SAVES);
            bySopInstance.put(p.sopInstanceUid(), saved);
            return saved;
        }
    }

    /** Reads the instance to its end, writing its object meanwhile, and checks it. */
    private ParsedInstance read(StoreRequest request, IncomingObject incoming)
            throws MalformedInstanceException, StorageFailure {
        InstanceParser.BeforePixelData open = (dataset, prefix) -> open(request.tenant(), dataset, prefix, incoming);
        InstanceLimits limits = settings.limits();
        try {
            ParsedInstance parsed = switch (request) {
                case StoreRequest.Dimse d -> {
                    yield InstanceParser.parseDataset(d.data(), d.transferSyntax(), d.sopClassUid(),
                            d.sopInstanceUid(), d.callingAeTitle(), incoming, open, limits);
                }
                case StoreRequest.File w -> InstanceParser.parseFile(w.data(), incoming, open, limits);
            };
            StoreValidation.check(parsed, limits);
            if (request instanceof StoreRequest.File w && w.study() != null
                    && !w.study().value().equals(parsed.studyInstanceUid())) {
                throw new MalformedInstanceException(StoreValidation.DOES_NOT_MATCH_SOP_CLASS,
                        "instance is not of the study the request names");
            }
            return parsed;
        } catch (MalformedInstanceException | StorageFailure e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedInstanceException(StoreValidation.CANNOT_UNDERSTAND,
                    "reading the instance failed: " + e.getMessage());
        }
    }

    /**
     * Opens the instance's object as soon as its UIDs are known (before its pixel data arrives); invalid UIDs are
     * refused here. The object's name is a random id: a listing of the bucket shows no identifier (only the index
     * ties it to its study). Objects stored before under names with their UIDs keep them.
     */
    private void open(TenantId tenant, Attributes dataset, byte[] prefix, IncomingObject incoming) throws IOException {
        StoreValidation.checkUids(dataset);
        ObjectKey key = new ObjectKey(tenant, "instances/" + UUID.randomUUID() + ".dcm");
        try {
            incoming.open(objects.create(key), key, prefix);
        } catch (IOException e) {
            throw new StorageFailure(e);
        }
    }

    private StoreResult save(StoreRequest request, ParsedInstance p, IncomingObject incoming) {
        try {
            return write(request, p, incoming);
        } catch (RuntimeException e) {
            log.warn("Storing {} failed", p.sopInstanceUid(), e);
            return failed(request, p, "storing failed: " + e.getMessage());
        }
    }

    private StoreResult write(StoreRequest request, ParsedInstance p, IncomingObject incoming) {
        // The object is made durable while its index rows are written (in a transaction shared with instances that
        // arrive meanwhile); the transaction commits only once the object is, so the acknowledgement waits for both,
        // but the two overlap. Duplicates are found by the index insert itself; the rare copy is removed.
        TenantId tenant = request.tenant();
        ObjectKey key = incoming.key();
        boolean replace = settings.duplicates() == ArchiveSettings.DuplicatePolicy.REPLACE;
        NewInstance row = newInstance(p, key, incoming.length(), incoming.sha256(), request.source());
        CompletableFuture<Void> durable = CompletableFuture.runAsync(() -> {
            try {
                incoming.commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }, SYNCS);
        SaveOutcome outcome;
        try {
            outcome = commits.save(tenant, row, replace, durable);
        } catch (IndexCommits.ObjectFailed e) {
            log.warn("Storing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return failed(request, p, "object storage failed: " + e.getMessage());
        } catch (DataAccessException e) {
            removeWhenSettled(durable, key);
            log.warn("Indexing {} failed: {}", p.sopInstanceUid(), e.getMessage());
            return failed(request, p, "index update failed");
        } catch (RuntimeException e) {
            removeWhenSettled(durable, key);
            throw e;
        }
        return switch (outcome) {
            case SaveOutcome.Inserted i -> stored(p);
            case SaveOutcome.Replaced r -> {
                deleteQuietly(ObjectKey.parse(r.previousObjectKey()));
                yield stored(p);
            }
            case SaveOutcome.KeptExisting k -> {
                removeWhenSettled(durable, key);
                yield duplicate(p);
            }
            case SaveOutcome.Conflict c -> {
                removeWhenSettled(durable, key);
                yield refused(request, StoreValidation.DOES_NOT_MATCH_SOP_CLASS, c.reason(), p);
            }
        };
    }

    /** An object nobody will reference: once its commit has ended either way, it is deleted. */
    private void removeWhenSettled(CompletableFuture<Void> durable, ObjectKey key) {
        try {
            durable.join();
        } catch (CompletionException e) {
            // Not committed, so already discarded.
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

    /**
     * A C-STORE command or file meta information naming another SOP instance or class than the data set (a sender
     * that misread its own file, say): the data set is authoritative, the instance is stored under its UIDs, and
     * the disagreement is logged and audited.
     */
    private void noteUidMismatches(StoreRequest request, ParsedInstance p) {
        String claimedSop = request instanceof StoreRequest.Dimse d ? d.sopInstanceUid()
                : p.fileMeta().getString(Tag.MediaStorageSOPInstanceUID);
        String claimedClass = request instanceof StoreRequest.Dimse d ? d.sopClassUid()
                : p.fileMeta().getString(Tag.MediaStorageSOPClassUID);
        String where = request instanceof StoreRequest.Dimse ? "the C-STORE command" : "the file meta information";
        if (claimedSop != null && !claimedSop.equals(p.sopInstanceUid())
                || claimedClass != null && !claimedClass.equals(p.sopClassUid())) {
            String detail = where + " names SOP instance " + claimedSop + " of class " + claimedClass
                    + "; stored under the data set's " + p.sopInstanceUid() + " of class " + p.sopClassUid();
            log.warn("{}: {}", request.source(), detail);
            audit.record(new AuditEvent(request.tenant(), request.source(), "SOP_UID_MISMATCH", "instance",
                    p.sopInstanceUid(), AuditEvent.Outcome.SUCCESS, detail));
        }
    }

    /** The instance is refused for a reason of its own; the audit log gets the reason its sender gets. */
    private StoreResult refused(StoreRequest request, int status, String reason, @Nullable ParsedInstance p) {
        StoreResult.Rejected rejected = new StoreResult.Rejected(status, reason, sopClass(request, p),
                sopInstance(request, p));
        audit.record(new AuditEvent(request.tenant(), request.source(), "STORE_REJECTED", "instance",
                rejected.sopInstanceUid(), AuditEvent.Outcome.FAILURE,
                "status=" + Integer.toHexString(status) + " " + rejected.reason()));
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

    private static void closeQuietly(IncomingObject incoming) {
        try {
            incoming.close();
        } catch (IOException e) {
            log.warn("Could not release an incoming object: {}", e.getMessage());
        }
    }

    private void deleteQuietly(ObjectKey key) {
        try {
            objects.delete(key);
        } catch (IOException e) {
            log.warn("Could not delete unreferenced object {}: {}", key, e.getMessage());
        }
    }

    /** The object storage refused to open an instance's object while it arrived. */
    private static final class StorageFailure extends IOException {
        StorageFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
